# Hangmat — Nederlands (Vlaams). Spreek de moeder aan met "je" en "jij"; korte, warme, eenvoudige zinnen (B1).

## Frame
skip-to-content = Naar de inhoud
language-switch = Taal
nav-label = Hoofdmenu
nav-today = Vandaag
nav-session = Oefenen
nav-progress = Voortgang
nav-settings = Instellingen
manifest-description = Je bekkenbodemprogramma na de bevalling, met korte begeleide oefenmomenten.

## Dates
# A label and its value, as each language writes them (French: a space before the colon).
label-value = { $label }: { $value }
date-day-month = { $day } { $month }
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
weekday-short-1 = ma
weekday-short-2 = di
weekday-short-3 = wo
weekday-short-4 = do
weekday-short-5 = vr
weekday-short-6 = za
weekday-short-7 = zo

## Welcome
welcome-title = Welkom bij Hangmat
welcome-intro = Hangmat helpt je met de bekkenbodemoefeningen die je ziekenhuis aanraadt na de bevalling.
welcome-point-sessions = Elke dag drie korte oefenmomenten. De app telt met je mee.
welcome-point-private = Je hebt geen naam of e-mailadres nodig. Wat je noteert, blijft op de server van het ziekenhuis.
welcome-point-offline = Heb je de app één keer geopend? Dan werkt hij ook zonder internet.
welcome-language = Jouw taal
welcome-start-title = Wanneer is je baby geboren?
welcome-start-button = Starten
welcome-have-code = Ik gebruik Hangmat al en heb een herstelcode
field-birth-date = Geboortedatum van je baby
field-birth-date-hint = Zo weten we hoe lang je bevalling geleden is, en tonen we wat daarbij past.
error-birth-date-missing = Vul de geboortedatum van je baby in.
error-birth-date-invalid = Deze datum kunnen we niet lezen. Kies hem in de kalender.
error-birth-date-future = Deze datum ligt in de toekomst. Kijk de dag van je bevalling even na.
error-birth-date-too-old = Hangmat is gemaakt voor het eerste jaar na de bevalling. Deze datum ligt meer dan een jaar terug.

## Recovery code
code-title = Je herstelcode
code-intro = Met deze code ga je verder waar je gebleven was: op een andere gsm, of nadat je je browser hebt leeggemaakt.
code-copy = Kopiëren
code-copied = Gekopieerd
code-download = Bewaren als bestand
code-once = Je ziet deze code maar één keer. Bewaar hem op een veilige plek, bijvoorbeeld in een notitie op je gsm.
code-continue = Verder
offer-reminders-title = Wanneer mogen we je herinneren?
offer-reminders-text = Drie korte momenten per dag, aan iets dat je toch al doet:
offer-reminders-change = Je kan de momenten en uren altijd aanpassen bij Instellingen, Herinneringen.
offer-reminders-yes = Ja, herinner me op deze momenten
offer-push-unsupported = Deze browser kan geen meldingen tonen. Bij Instellingen, Herinneringen vind je een agendalink: dan herinnert de agenda van je telefoon je.
offer-push-denied = Meldingen zijn geblokkeerd in deze browser. Je kan ze later toestaan, of bij Instellingen, Herinneringen een agendalink maken.
offer-push-not-offered = Deze dienst stuurt geen meldingen. Bij Instellingen, Herinneringen vind je een agendalink: dan herinnert de agenda van je telefoon je.
home-screen-title = Hangmat op je beginscherm
home-screen-ios = Tik onderaan in Safari op Delen (het vierkantje met het pijltje), dan op "Zet op beginscherm". Zo open je Hangmat met één tik, en op een iPhone kan Hangmat je alleen zo herinneren.
home-screen-android = Tik rechtsboven in je browser op het menu (de drie puntjes), dan op "App installeren" of "Toevoegen aan startscherm". Zo open je Hangmat met één tik.
home-screen-install = Op mijn beginscherm zetten
home-screen-dismiss = Nee, dank je
code-file-name = hangmat-herstelcode.txt
code-file-text = Herstelcode voor Hangmat: { $code }
restore-title = Verdergaan op deze gsm
restore-intro = Typ de herstelcode die je bij de start hebt bewaard.
field-recovery-code = Herstelcode
restore-button = Verder
restore-back = Terug naar het begin
error-code-missing = Typ je herstelcode.
error-code-unknown = Deze code kennen we niet. Kijk elk teken na. Streepjes en hoofdletters maken niet uit.

## Today
today-title = Vandaag
today-day = Dag { $day } na de bevalling
today-week = { $week ->
    [one] Eerste week
   *[other] Week { $week }
}
outbox-pending = Wordt verstuurd zodra je weer online bent:
today-rest-title = Rust, en leer je bekkenbodem kennen
today-rest-start = { $days ->
    [one] Morgen beginnen de oefeningen.
   *[other] Over { $days } dagen beginnen de oefeningen.
}
today-rest-why = Je lichaam heeft net hard gewerkt. De eerste dagen zijn om te rusten. Zo kan alles beginnen te herstellen, nog voor je gaat oefenen.
today-rest-find = Je kan nu al voelen waar de spieren zitten. Knijp zachtjes samen en trek naar binnen, alsof je een windje en je plas ophoudt. Laat dan weer los.
today-sessions-title = Je oefeningen vandaag
today-sessions-begun = { $count ->
    [one] (1 begonnen)
   *[other] ({ $count } begonnen)
}
today-sessions-done = { $planned ->
    [one] { $done } van { $planned } oefenmoment gedaan
   *[other] { $done } van { $planned } oefenmomenten gedaan
}
today-target = Aanspanningen vandaag, met als doel ongeveer { $target }
today-target-reached = Je hebt het aantal van vandaag gehaald. Goed gedaan!
today-start-session = Begin een oefenmoment
today-coordination-title = Eerst aanspannen, dan pas hoesten of tillen
today-coordination-text = Span je bekkenbodem aan net voor je hoest, niest, lacht of iets optilt, bijvoorbeeld je baby. Tik op de knop telkens als je het gedaan hebt.
today-coordination-done = Gedaan
today-coordination-count = Aantal keer vandaag:
today-coordination-thanks = Geteld. Goed zo.
moment-cough = hoesten
moment-sneeze = niezen
moment-laugh = lachen
moment-lift = tillen
moment-lift_baby = je baby optillen
today-recovery-title = Doe het rustig aan in de eerste weken
today-recovery-lifting = Til en draag zo weinig mogelijk.
today-recovery-roll = Wil je opstaan of gaan liggen? Rol dan eerst op je zij. Zo spaar je je buikspieren.
today-recovery-alternate = Wissel actief zijn af met even gaan liggen, een paar keer per dag.
today-physio-soon = { $days ->
    [one] Morgen kan je beginnen met postnatale kinesitherapie.
   *[other] Over { $days } dagen kan je beginnen met postnatale kinesitherapie. Vraag op tijd een voorschrift aan je huisarts of specialist.
}
today-physio-title = Tijd voor postnatale kinesitherapie
today-physio-sessions = { $sessions ->
    [one] Vanaf nu kan je { $sessions } persoonlijke sessie volgen bij een kinesitherapeut die gespecialiseerd is in de bekkenbodem.
   *[other] Vanaf nu kan je { $sessions } persoonlijke sessies volgen bij een kinesitherapeut die gespecialiseerd is in de bekkenbodem.
}
today-physio-prescription = Daarvoor heb je eerst een voorschrift nodig van je huisarts of specialist. Daarna kan je een afspraak maken.
contacts-book = Hier maak je een afspraak
contacts-elsewhere = Dichter bij huis
contacts-questions = Vragen? Bel de kinesitherapeuten:

## Session
session-title = Begeleid oefenmoment
session-back-today = Terug naar vandaag
session-part-strength = { $reps } korte aanspanningen van { $counts } tellen. Laat na elke aanspanning { $relax } tellen los.
session-part-endurance = Daarna { $reps } keer { $counts } tellen vasthouden, telkens met { $relax } tellen rust erna.
session-part-fast = Daarna { $reps } snelle aanspanningen van { $counts ->
    [one] één tel
   *[other] { $counts } tellen
}, met { $relax } tellen ertussen.
session-duration = { $minutes ->
    [one] Ongeveer { $minutes } minuut.
   *[other] Ongeveer { $minutes } minuten.
}
session-hold-yours = Je houdt { $counts } tellen vast.
session-hold-change = Wijzigen
session-position-title = Kies een houding
session-position-suggested = nu aan de beurt
session-check-yourself = Je bekken blijft stil. Je buik en billen blijven ontspannen. Alleen de spieren vanbinnen bewegen.
session-start = Starten
session-log-title = Zonder de app geoefend?
session-log-intro = Noteer een oefenmoment dat je zelf gedaan hebt.
session-log-reps-strength = Aanspanningen gedaan (van de { $reps })
session-log-reps-endurance = Keer vastgehouden (van de { $reps })
session-log-reps-fast = Snelle aanspanningen gedaan (van de { $reps })
session-log-save = Dit oefenmoment bewaren
error-reps-range = Geef een getal van 0 tot { $reps }.
error-session-invalid = We konden dit oefenmoment niet bewaren. Kijk de getallen even na.
position-back = Op je rug, met gebogen knieën
position-side = Op je zij
position-sitting = Zittend
position-standing = Staand
position-kneeling = Op handen en knieën
exercise-strength = Kracht
exercise-endurance = Uithouding
exercise-fast = Snelle aanspanningen
phase-get_ready = Maak je klaar
phase-contract-strength = Knijp en trek op
phase-relax-strength = Laat los
phase-contract-endurance = Hou vast
phase-relax-endurance = Rust
phase-contract-fast = Knijp
phase-relax-fast = Laat los
caution-find_muscles = Knijp samen en trek naar binnen, alsof je een windje en je plas ophoudt.
caution-pelvis_still = Je bekken blijft stil.
caution-belly_buttocks_loose = Je buik en billen blijven ontspannen.
caution-keep_breathing = Adem rustig door. Hou je adem niet in.
caution-relax_fully = Laat helemaal los voor je opnieuw begint.
caution-no_pushing = Nooit persen of duwen.
player-rep = { $rep } van { $reps }
player-pause = Pauze
player-resume = Verder
player-stop = Stoppen
player-done = Klaar. Goed gedaan!
player-stopped = Je stopte halfweg. Wat je deed, telt mee.
player-did-strength = { $count ->
    [one] 1 korte aanspanning
   *[other] { $count } korte aanspanningen
}
player-did-endurance = { $count ->
    [one] 1 keer { $hold } tellen vasthouden
   *[other] { $count } keer { $hold } tellen vasthouden
}
player-did-fast = { $count ->
    [one] 1 snelle aanspanning
   *[other] { $count } snelle aanspanningen
}
player-warm = Elke aanspanning helpt je bekkenbodem op weg. Rust nu even uit.
player-today = Vandaag: { $done } van { $target } aanspanningen.
player-paused = Gepauzeerd
player-how-did-it-go = Hoe ging het?
player-rating-easy = Makkelijk
player-rating-fine = Goed
player-rating-hard = Zwaar
player-held-every-count = Ik hield elke tel vol
player-save = Bewaren
player-skip = Overslaan
player-saved = Bewaard
player-saved-offline = Bewaard op je gsm. Het wordt verstuurd zodra je online bent.
player-back = Terug naar vandaag
player-sound = Geluid
player-speech = Hardop tellen

## Progress
progress-title = Je voortgang
progress-intro = Elke aanspanning telt. Een rustige dag is gewoon een dag.
progress-calendar-title = De laatste vier weken
progress-calendar-hint = Dagen met ongeveer { $target } aanspanningen zijn ingekleurd.
progress-legend-reached = aantal gehaald
progress-legend-some = wat geoefend
progress-legend-not-yet = nog niet: voor je mocht beginnen
progress-days-reached = { $days ->
    [one] Op { $days } dag haalde je het aantal.
   *[other] Op { $days } dagen haalde je het aantal.
}
progress-contractions = { $count ->
    [one] { $count } aanspanning
   *[other] { $count } aanspanningen
}
progress-per-day-title = Aanspanningen per dag
progress-col-date = Datum
progress-col-sessions = Oefenmomenten
progress-col-coordination = Voor een inspanning
progress-col-contractions = Aanspanningen
progress-hold-title = Hoe lang je vasthoudt, door de weken heen
progress-col-hold = Vasthouden (tellen)
progress-col-set-by = Ingesteld door
progress-set-by-you = jij
progress-set-by-physio = je kinesitherapeut
progress-set-by-programme = het programma

## Settings
settings-title = Instellingen
settings-saved = Bewaard.
settings-about-you = Taal en geboortedatum
field-language = Taal
settings-time-zone = Je tijden volgen de klok van { $zone }.
zone-place-Europe-Brussels = Brussel
zone-place-Europe-Paris = Parijs
zone-place-Europe-Luxembourg = Luxemburg
zone-place-Europe-London = Londen
zone-place-Europe-Amsterdam = Amsterdam
settings-save = Bewaren
settings-hold-title = Hoe lang je vasthoudt
settings-hold-range = Het programma vraagt om { $min } tot { $max } tellen vast te houden. Nu hou je { $current } tellen vast.
field-hold = Vasthouden (tellen)
settings-hold-hint = Kies een aantal tellen dat je volhoudt terwijl je rustig doorademt. Hangmat past dit nooit zelf aan.
settings-hold-by-physio = Je kinesitherapeut heeft dit aantal tellen ingesteld.
settings-hold-save = Vasthoudtijd bewaren
error-hold-range = Kies een heel getal van { $min } tot { $max }.
settings-code-title = Herstelcode
settings-code-text = Met je herstelcode zet je je gegevens over naar een andere gsm. We bewaren de code niet in leesbare vorm. Daarom kunnen we hem niet opnieuw tonen. Kwijt? Maak een nieuwe: de oude werkt dan niet meer.
settings-code-new = Maak een nieuwe herstelcode
settings-erase-title = Al mijn gegevens wissen
settings-erase-text = Dit verwijdert je profiel en alles wat je hebt genoteerd, voorgoed. Je kan dit niet ongedaan maken.
settings-erase-confirm = Ja, wis alles
settings-erase-button = Mijn gegevens wissen
error-erase-confirm = Vink eerst het vakje aan om te bevestigen.
erased-title = Je gegevens zijn gewist
erased-text = Niets van wat je hebt genoteerd, staat nog op de server. Ook deze gsm is je vergeten.
erased-start-again = Opnieuw beginnen

## Offline and errors
offline-title = Je bent offline
offline-text = Deze pagina staat nog niet op je gsm. Pagina's die je eerder hebt geopend, werken wel.
offline-retry = Opnieuw proberen
error-back-home = Naar het begin
error-request-id = Neem je contact op met de helpdesk? Vermeld dan deze referentie: { $id }
error-not-found = Pagina niet gevonden
error-not-found-text = Deze pagina bestaat niet (meer).
error-cross-site = Verzoek geweigerd
error-cross-site-text = Dit verzoek kwam van een andere website. Daarom hebben we het niet uitgevoerd.
error-conflict = Bestaat al
error-conflict-text = Dit werd al bewaard. Probeer het opnieuw.
error-unavailable = Tijdelijk niet beschikbaar
error-unavailable-text = We kunnen de databank nu niet bereiken. Wat je al bewaard hebt, is niet verloren. Probeer het zo meteen opnieuw.
problem-invalid-input = Sommige gegevens zijn niet geldig.
problem-malformed-request = Het verzoek kon niet gelezen worden.
problem-not-signed-in = Dit toestel heeft geen profiel.
problem-id-taken = Deze id is al in gebruik.
problem-unavailable = Tijdelijk niet beschikbaar.
problem-account-disabled = Dit account is uitgeschakeld.
problem-push-service-refused = Via deze pushdienst kunnen we geen meldingen sturen.
problem-internal = Er ging bij ons iets mis.
problem-not-found = Op dit adres is niets te vinden.
problem-method-not-allowed = Dit adres aanvaardt dit soort verzoek niet.
problem-too-large = Dit is te groot om te versturen.
problem-timeout = Dit duurde te lang. Probeer het opnieuw.
problem-forbidden = Dit is niet toegestaan.

## Leren
nav-learn = Leren
footer-warning-signs = Alarmsignalen na de bevalling
topbar-help = Hulp nodig?
help-call-emergency = Bel { $number }
help-not-urgent = Geen noodgeval, maar ongerust? Bel:
learn-title = Leren
learn-intro = Korte pagina's over je bekkenbodem, om te lezen wanneer het jou past.
learn-pager = Meer pagina's
learn-start-session = Begin een begeleid oefenmoment

## Listen mode: the session as one audio track, to follow by ear with the screen locked
listen-start = Luisteren
listen-hint = Luisteren: tonen en woorden leiden je, ook met je scherm vergrendeld of je ogen dicht.
listen-preparing = Je oefenmoment wordt klaargezet…
listen-failed = Luisteren lukt niet op deze gsm. Je oefenmoment loopt gewoon met beeld en geluid.
listen-media-title = Oefenmoment
listen-playing = Je kunt je scherm vergrendelen. Pauzeren kan ook vanaf het vergrendelscherm.

## Reminders
reminders-title = Herinneringen
reminders-intro = Koppel je oefeningen aan momenten die je dag al heeft. Dan herinneren we je eraan, en we zwijgen zodra je ze gedaan hebt.
reminders-settings-link-text = Je momenten, stille uren, meldingen en agenda.
reminders-settings-link = Stel je herinneringen in
reminders-saved = Je herinneringen zijn bewaard.
reminders-snoozed = We herinneren je er straks nog eens aan.
reminders-push-title = Meldingen
reminders-push-unsupported = Deze browser kan geen meldingen van Hangmat tonen. Gebruik de agendalink hieronder: dan herinnert de agenda van je telefoon je.
reminders-push-denied = Meldingen van Hangmat zijn geblokkeerd in deze browser. Je kan ze toestaan in de instellingen van je browser, of de agendalink hieronder gebruiken.
reminders-push-off = Meldingen staan uit op deze telefoon.
reminders-push-on = Meldingen staan aan op deze telefoon.
reminders-push-failed = Dat lukte niet. Probeer het zo meteen nog eens.
reminders-push-turn-on = Zet meldingen aan
reminders-push-turn-off = Zet meldingen uit
reminders-push-not-offered = Deze dienst stuurt geen meldingen. Gebruik de agendalink hieronder: dan herinnert de agenda van je telefoon je.
reminders-push-devices = { $count ->
    [one] Herinneringen gaan naar één telefoon of browser.
   *[other] Herinneringen gaan naar { $count } telefoons of browsers.
}
reminders-push-discreet = Een melding zegt alleen "Hangmat" en een gewone uitnodiging: er komt niets persoonlijks op je vergrendelscherm.
reminders-moments-title = Je momenten
reminders-moments-hint = Elk moment nodigt je uit voor de volgende oefensessie van je dag. Kies "Geen moment" om er een te schrappen.
reminders-moment-label = Moment { $number }
reminders-field-habit = Wanneer
reminders-field-own-words = In je eigen woorden (als je dat koos)
reminders-field-time = Uur
reminders-quiet-title = Stille uren
reminders-quiet-hint = Tussen deze uren komt er niets.
reminders-quiet-from = Van
reminders-quiet-until = Tot
reminders-prescription-title = Voorschrift voor kinesitherapie
reminders-field-prescription = Datum op je voorschrift (als je er een hebt)
reminders-prescription-deadline = Begin je sessies voor { $date }. We herinneren je er een week vooraf aan.
reminders-save = Bewaar herinneringen
reminders-snooze-title = Nu even niet?
reminders-snooze-hint = We herinneren je er wat later nog eens aan.
reminders-snooze-minutes = Over { $minutes } minuten
reminders-milestones-title = Wat eraan komt
reminders-calendar-title = Agenda
reminders-calendar-text = Zet je momenten en de volgende stappen in de agenda van je telefoon, met een persoonlijke link.
reminders-calendar-once = Hou deze link voor jezelf. We tonen hem alleen nu.
reminders-calendar-make = Maak een agendalink
reminders-calendar-reset = Maak een nieuwe agendalink
reminders-calendar-reset-hint = De oude link werkt dan niet meer.
reminders-habit-none = Geen moment
reminders-habit-brushing-teeth = Na het tandenpoetsen
reminders-habit-feeding = Tijdens het voeden
reminders-habit-watching-tv = Tijdens het tv-kijken
reminders-habit-in-the-car = In de auto
reminders-habit-at-my-desk = Aan mijn bureau
reminders-habit-own-words = In mijn eigen woorden
reminders-milestone-exercises-start = Je kan met je oefeningen beginnen.
reminders-milestone-ask-prescription = Vraag je huisarts of gynaecoloog om een voorschrift voor postnatale kinesitherapie.
reminders-milestone-book-sessions = Maak een afspraak voor je sessies kinesitherapie.
reminders-milestone-prescription-expires = Je voorschrift vervalt over een week: begin je sessies.
reminders-error-habit = Kies wanneer dit moment is.
reminders-error-time = Vul een uur in, bijvoorbeeld 08:30.
reminders-error-prescription = Vul de datum op je voorschrift in (niet in de toekomst).
reminders-error-own-words = Schrijf je moment in je eigen woorden.
reminders-error-own-words-long = Hou je eigen woorden bij 60 tekens.
reminders-error-form = Enkele velden vragen nog aandacht. Er is niets veranderd.
reminders-error-snooze = Kies 15 of 30 minuten.
reminders-push-moment = { $habit }: even een paar minuten voor jezelf?
reminders-push-moment-plain = Even een paar minuten voor jezelf?
reminders-push-snooze = Hier is je moment nog eens.
reminders-push-milestone-exercises-start = Er staat iets nieuws voor je klaar in Hangmat.
reminders-push-milestone-ask-prescription = Er staat een volgende stap voor je klaar in Hangmat.
reminders-push-milestone-book-sessions = Er staat een volgende stap voor je klaar in Hangmat.
reminders-push-milestone-prescription-expires = Er komt een datum aan. Kijk even in Hangmat.
reminders-action-open = Begin
reminders-action-snooze = Straks
reminders-calendar-moment = Hangmat: { $habit }
reminders-calendar-moment-plain = Hangmat: je moment
reminders-calendar-moment-description = Even een paar minuten voor jezelf. Open Hangmat om te beginnen.
reminders-calendar-exercises-start = Hangmat: je kan beginnen
reminders-calendar-ask-prescription = Hangmat: vraag je voorschrift
reminders-calendar-book-sessions = Hangmat: maak een afspraak
reminders-calendar-prescription-expires = Hangmat: je voorschrift vervalt over een week
## Personeel, portaal, delen (issue 5, access)
error-form-expired = Dit formulier is verlopen
error-form-expired-text = Laad de pagina opnieuw en probeer nog eens. Er is niets veranderd.
error-forbidden = Deze pagina is niet voor jouw account
error-forbidden-text = Meld je aan met een account dat ze mag openen.
error-too-large = Dit is te groot
error-too-large-text = Wat je stuurde is groter dan eender welk formulier hier. Er is niets veranderd.
error-bad-form = Dit formulier konden we niet lezen
error-bad-form-text = Ga terug, laad de pagina opnieuw en vul ze nog eens in. Er is niets veranderd.
error-timeout = Dit duurde te lang
error-timeout-text = De verbinding was te traag. Probeer het opnieuw. Er is niets veranderd.
portal-login-title = Aanmelden bij het portaal
portal-joined-notice = Je account is klaar. Meld je nu aan met je gebruikersnaam, je wachtwoord en de code uit je authenticator-app.
portal-reset-notice = Je nieuwe wachtwoord en authenticator zijn bewaard. Meld je nu aan.
portal-login-intro = Voor kinesitherapeuten en beheerders van deze dienst.
portal-field-username = Gebruikersnaam
portal-field-password = Wachtwoord
portal-field-code = Code uit je authenticator-app
portal-login-button = Verder
portal-login-wrong = Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Probeer het nog eens.
portal-too-many-attempts = Te veel pogingen. Wacht { $minutes } minuten en probeer het dan opnieuw.
portal-code-title = Geef je code in
portal-code-intro = Open je authenticator-app en typ de zes cijfers die hij voor Hangmat toont.
portal-code-button = Aanmelden
portal-code-back = Opnieuw beginnen
portal-code-wrong = Deze code klopt niet. Codes veranderen elke 30 seconden: typ de code die nu getoond wordt.
portal-logout = Afmelden
portal-join-title = Maak je portaalaccount aan
portal-join-intro = Je bent uitgenodigd als { $name }. Kies een gebruikersnaam en een wachtwoord en koppel daarna een authenticator-app.
portal-join-password-hint = Minstens { $min } tekens. Een zin die je onthoudt, werkt goed.
portal-join-password-short = Het wachtwoord moet minstens { $min } tekens hebben.
portal-join-username-invalid = Gebruik 3 tot 64 letters, cijfers, punten, streepjes of @.
portal-join-username-taken = Deze gebruikersnaam is al in gebruik. Kies een andere.
portal-join-totp-title = Tweede stap: authenticator-app
portal-join-totp-text = Scan deze code met een authenticator-app op je telefoon en typ de zes cijfers die hij toont.
portal-join-totp-manual = Lukt scannen niet? Geef deze sleutel met de hand in:
portal-join-qr-label = QR-code voor je authenticator-app
portal-join-button = Account aanmaken
portal-mothers-title = Mijn moeders
portal-link-title = Koppelen met een moeder
portal-link-intro = Vraag haar de code uit "Delen" in haar app. Die werkt één keer, 24 uur lang.
portal-link-code = Haar code
portal-link-label = Jouw label voor haar
portal-link-label-hint = Een dossiernummer of initialen. Alleen jij ziet het.
portal-link-label-missing = Geef een label, zodat je haar terugvindt in je lijst.
portal-link-code-unknown = Deze code werkt niet. Misschien is hij verkeerd getypt, al gebruikt of ouder dan 24 uur. Vraag haar een nieuwe.
portal-link-button = Koppelen
portal-list-count = { $count ->
    [one] Eén moeder
   *[other] { $count } moeders
}
portal-filter-label = Toon
portal-filter-all = Alle
portal-flag-inactive = 3 dagen geen activiteit
portal-flag-hard = Herhaaldelijk als zwaar beoordeeld
portal-flag-physio = Kinesitherapie te starten
portal-sort-attention = Eerst wie aandacht vraagt
portal-group-attention = { $count ->
    [one] Vraagt aandacht: 1 moeder
   *[other] Vragen aandacht: { $count } moeders
}
portal-group-others = De anderen
portal-list-range = { $count ->
    [0] Geen moeders bij deze keuze.
   *[other] { $first }–{ $last } van { $count }
}
portal-pages-label = Pagina's
portal-page-number = Pagina { $number }
portal-flags-note = Deze vlaggen ordenen alleen de lijst. Ze zijn geen advies.
portal-col-label = Label
portal-col-day = Dag na de bevalling
portal-col-sessions = Oefenmomenten per dag, laatste 7 dagen (doel { $target })
portal-col-contractions = Aanspanningen per dag, laatste 7 dagen (doel { $target })
portal-own-target = (haar doel { $target })
portal-col-hold = Aanhouden (tellen)
portal-col-ratings = Beoordelingen, laatste 7 dagen
portal-col-activity = Laatste activiteit
portal-col-physio-sessions = Kinesitherapiesessies
portal-ratings-line = makkelijk { $easy } · goed { $fine } · zwaar { $hard }
portal-days-ago = { $days ->
    [0] vandaag
    [one] 1 dag geleden
   *[other] { $days } dagen geleden
}
portal-back-to-list = Terug naar mijn moeders
portal-mother-title = Eén moeder
portal-mother-day = Dag { $day } na de bevalling
portal-adherence-title = Aanspanningen per dag (doel { $target })
portal-col-date = Datum
portal-col-day-sessions = Oefenmomenten
portal-col-day-contractions = Aanspanningen
portal-col-taps = Coördinatie-tikken
portal-hold-title = Aanhouden door de tijd
portal-col-set-by = Ingesteld door
portal-set-by-mother = zijzelf
portal-set-by-physio = kinesitherapeut
portal-set-by-programme = start van het programma
portal-outcomes-title = Haar oefenmomenten, laatste 4 weken
portal-outcomes-none = Geen oefenmomenten in de laatste 4 weken.
portal-col-position = Houding
portal-col-completed = Volledig
portal-col-rating = Haar beoordeling
portal-rating-easy = makkelijk
portal-rating-fine = goed
portal-rating-hard = zwaar
portal-yes = ja
portal-no = nee
portal-end-title = Deze koppeling beëindigen
portal-end-text = Je ziet haar gegevens dan niet meer. Ze kan opnieuw koppelen met een nieuwe code.
portal-end-button = Koppeling beëindigen
staff-title = Personeelsaccounts
staff-invite-title = Een collega uitnodigen
staff-field-name = Naam
staff-field-role = Rol
staff-role-admin = Beheerder
staff-role-physiotherapist = Kinesitherapeut
staff-invite-button = Uitnodigingslink maken
staff-invite-name-missing = Geef de naam van je collega.
staff-invitation-made = Uitnodigingslink
staff-invitation-text = Geef deze link zelf aan je collega. Hij werkt één keer, 7 dagen lang, en wordt alleen nu getoond.
staff-list-title = Accounts
sharing-title = Delen met je kinesitherapeut
sharing-intro = Jij beslist wie je oefeningen ziet. Niemand ziet ze zonder een code van jou.
sharing-code-title = Een code maken
sharing-code-text = Geef de code aan je kinesitherapeut. Hij werkt één keer, 24 uur lang.
sharing-code-button = Code maken
sharing-code-made = Je code
sharing-code-until = Geldig tot { $until }.
sharing-code-qr-label = QR-code met je deelcode
sharing-links-title = Wie je gegevens kan zien
sharing-links-none = Niemand. Je gegevens blijven bij jou.
sharing-link-since = sinds { $when }
sharing-link-ended = beëindigd op { $when }
sharing-link-end = Stop met delen met { $name }
advice-title = Van je kinesitherapeut
sharing-audit-title = Wie je gegevens bekeek
sharing-audit-none = Niemand heeft je gegevens bekeken.
sharing-audit-when = Wanneer
sharing-audit-who = Wie
sharing-audit-what = Wat
sharing-audit-times = { $count ->
    [one] { $what }
   *[other] { $what }, { $count } keer
}
sharing-audit-read = bekeek je oefeningen
sharing-audit-change-own = wijzigde je gegevens
sharing-audit-change-programme = wijzigde je programma
sharing-audit-record-session = noteerde een kinesitherapiesessie
sharing-audit-manage-sharing = wijzigde het delen
sharing-audit-end-link = beëindigde de koppeling
sharing-audit-export = downloadde je gegevens
sharing-audit-erase = wiste je gegevens
sharing-audit-link = koppelde met je code
sharing-audit-manage-staff = beheerde accounts
sharing-export-title = Je gegevens downloaden
sharing-export-text = Alles wat Hangmat over jou bewaart, in één bestand (JSON).
sharing-export-button = Mijn gegevens downloaden
sharing-back = Terug naar instellingen
sharing-open = Delen en wie keek

## Haar zorg: het programma dat haar kinesitherapeut instelt, en de kinesitherapiesessies
care-changes-title = Van je kinesitherapeut
care-change = Je kinesitherapeut { $name } heeft { $what } veranderd van { $old } naar { $new } op { $date }.
care-change-added = Je kinesitherapeut { $name } heeft { $what } aan je oefensessies toegevoegd op { $date }.
care-change-removed = Je kinesitherapeut { $name } heeft { $what } uit je oefensessies gehaald op { $date }.
care-kind-strength = de korte aanspanningen
care-kind-endurance = het vasthouden
care-kind-fast = snelle aanspanningen
care-field-hold = de vasthoudtijd
care-field-sets-per-day = het aantal oefensessies per dag
care-field-positions = de houdingen
care-field-reps-strength = het aantal korte aanspanningen
care-field-reps-endurance = het aantal keer vasthouden
care-field-reps-fast = het aantal snelle aanspanningen
care-field-contract-strength = de duur van een korte aanspanning
care-field-contract-fast = de duur van een snelle aanspanning
care-field-relax-strength = het loslaten na een korte aanspanning
care-field-relax-endurance = de rust na het vasthouden
care-field-relax-fast = het loslaten na een snelle aanspanning
care-value-counts = { $counts ->
    [one] 1 tel
   *[other] { $counts } tellen
}
care-value-yes = ja
care-value-no = nee
care-portal-programme-title = Programma
care-portal-programme-intro = Stel in wat voor haar anders is. Elke wijziging wordt bewaard met je naam en het tijdstip, en ze ziet ze vanaf haar volgende oefensessie.
care-portal-programme-general = Haar programma als geheel
care-portal-programme-file = Programmabestand: { $value }
care-portal-programme-save = Programma bewaren
care-portal-programme-saved = { $count ->
    [0] Er is niets veranderd.
    [one] Eén wijziging bewaard.
   *[other] { $count } wijzigingen bewaard.
}
care-editor-hold = Vasthoudtijd bij uithouding (tellen)
care-editor-sets-per-day = Oefensessies per dag
care-editor-positions = Uitgangshoudingen
care-editor-included = Deel van haar oefensessies
care-editor-reps = Herhalingen per sessie
care-editor-contract = Duur van de aanspanning (tellen)
care-editor-relax = Rust na elke herhaling (tellen)
care-editor-file-hold = Programmabestand: start op { $start } tellen; zelf kiest ze tussen { $min } en { $max } tellen.
care-editor-counts-note = Tijden staan in tellen; één tel duurt { $seconds } s in dit programma.
care-editor-changed-meanwhile = Iemand anders heeft haar programma gewijzigd terwijl je dit formulier invulde. Er is niets bewaard. Wat jij typte, staat nog in het formulier; bekijk de geschiedenis hieronder en bewaar opnieuw als het nog klopt.
care-position-back = Ruglig, knieën gebogen (haaklig)
care-position-side = Zijlig
care-position-sitting = Zit
care-position-standing = Stand
care-position-kneeling = Handen-knieënstand (viervoetstand)
care-portal-history-title = Wijzigingen
care-portal-history-empty = Nog geen wijzigingen: ze volgt het programmabestand.
care-portal-history-when = Wanneer
care-portal-history-who = Door
care-portal-history-what = Wat
care-portal-history-old = Voordien
care-portal-history-new = Nadien
care-portal-sessions-title = Kinesitherapiesessies
care-portal-sessions-count = { $done } van { $total } sessies genoteerd
care-portal-sessions-empty = Nog geen sessies genoteerd.
care-portal-session-new = Een sessie noteren
care-portal-session-number = Sessie
care-portal-session-date = Datum
care-portal-session-contraction = Aanspanning
care-contraction-correct = Correct
care-portal-contraction-not-assessed = Niet beoordeeld
care-portal-contraction-faults = Met fouten
care-fault-strains = perst (duwt naar beneden)
care-fault-holds_breath = houdt de adem in
care-fault-co_contracts = spant mee aan (buik, billen of dijen)
care-portal-can-relax = Ontspant volledig
care-portal-knack = Knack bij hoesten
care-portal-answer-unknown = Niet beoordeeld
care-portal-oxford = Gemodificeerde Oxfordschaal
care-oxford-0 = geen
care-oxford-1 = trilling
care-oxford-2 = zwak
care-oxford-3 = matig, met lift
care-oxford-4 = goed
care-oxford-5 = sterk
care-portal-perfect-title = PERFECT-schema
care-portal-perfect-p = P (kracht) is de Oxfordgraad hierboven.
care-portal-perfect-e = E: uithouding, seconden vastgehouden (0-10)
care-portal-perfect-r = R: herhalingen van die aanspanning (0-10)
care-portal-perfect-f = F: snelle aanspanningen van één seconde (0-10)
care-portal-pain = Pijn (0-10)
care-portal-notes = Notities
care-portal-home-programme = Meegegeven thuisprogramma
care-portal-session-save = Sessie bewaren
care-portal-session-saved = Sessie { $number } bewaard.
care-portal-session-correct = Sessie { $number } verbeteren
care-portal-recorded-by = Genoteerd door
care-portal-summary-link = Afdrukbare samenvatting
care-portal-summary-title = Samenvatting voor het medisch dossier
care-portal-summary-print = Afdrukken
care-portal-summary-programme = Programma
care-portal-summary-hold = Huidige vasthoudtijd: { $counts } tellen
care-portal-summary-adherence = { $days ->
    [0] Therapietrouw: de oefeningen beginnen pas vanaf de dag die het programma noemt
    [one] Therapietrouw, de eerste oefendag
   *[other] Therapietrouw, de laatste { $days } oefendagen
}
care-portal-summary-days-reached = Dagen waarop het dagdoel gehaald werd: { $reached } van { $days }
care-portal-summary-sessions = Begeleide oefensessies: { $sessions }; aanspanningen: { $contractions } (doel { $target } per dag)
care-portal-summary-assessments = Kinesitherapiesessies
care-portal-summary-footer = Afgedrukt op { $date } uit Hangmat. De waarden zijn zoals genoteerd; Hangmat trekt er geen besluiten uit.
care-portal-nav = Haar zorg
care-portal-sessions-done = Sessies gedaan
care-error-number = Typ een geheel getal.
care-error-range = Tussen { $min } en { $max }.
care-error-positions = Kies minstens één houding.
care-error-exercises = Laat minstens één oefening in haar oefensessies.
care-error-session-number = Kies een sessie van 1 tot { $max }.
care-error-date = Typ een datum (jaar-maand-dag).
care-error-date-future = Deze datum moet nog komen.
care-error-faults = Vink minstens één fout aan, of kies "Correct".
care-error-choice = Kies een van de aangeboden antwoorden.
care-error-too-long = Deze tekst is te lang (hoogstens 4000 tekens).
portal-passkey-login-title = Of meld je aan met een passkey
portal-passkey-login-text = Typ hierboven je gebruikersnaam en gebruik dan je telefoon, vingerafdruk of beveiligingssleutel.
portal-passkey-login-button = Aanmelden met een passkey
portal-passkey-failed = Dat lukte niet. Probeer het opnieuw, of meld je aan met je wachtwoord en code.
portal-passkey-add-title = Een passkey toevoegen
portal-passkey-add-text = Meld je de volgende keer aan met je vingerafdruk, gezicht of een beveiligingssleutel, zonder wachtwoord of code.
portal-passkey-add-button = Passkey toevoegen
portal-passkey-added = Passkey toegevoegd. Je kan hem gebruiken bij je volgende aanmelding.

# De passkey van de mama (issue 5)
mother-passkey-title = Passkeys
mother-passkey-text = Met een passkey haal je je profiel terug op een nieuwe telefoon, met je vingerafdruk, gezicht of schermvergrendeling. Je herstelcode blijft ook werken.
mother-passkey-unsupported = Deze browser kan geen passkeys gebruiken. Je herstelcode blijft werken.
mother-passkey-add-button = Passkey toevoegen
mother-passkey-add-failed = De passkey is niet toegevoegd. Je kunt het opnieuw proberen.
mother-passkey-none = Je hebt nog geen passkey.
mother-passkey-added-on = Passkey toegevoegd op { $when }
mother-passkey-used-on = laatst gebruikt op { $when }
mother-passkey-remove = Verwijder de passkey van { $when }
mother-passkey-restore-title = Terughalen met een passkey
mother-passkey-restore-text = Heb je eerder een passkey toegevoegd? Gebruik die hier, zonder code.
mother-passkey-restore-button = Terughalen met een passkey
mother-passkey-restore-failed = Dat lukte niet. Probeer het opnieuw, of typ je herstelcode.

# Personeelsaccounts: eigen account, namen van passkeys, wachtwoord wijzigen en herstellen, uitschakelen (issue 5)
portal-account-title = Mijn account
portal-account-intro = { $name } · gebruikersnaam { $username }
portal-back-to-accounts = Terug naar de personeelsaccounts
portal-login-disabled = Je account is uitgeschakeld. Vraag een beheerder van deze dienst om het weer in te schakelen.
portal-passkeys-title = Je passkeys
portal-passkeys-none = Je hebt nog geen passkey. Je meldt je aan met je wachtwoord en een code.
portal-passkey-added-on = toegevoegd op { $when }
portal-passkey-used-on = laatst gebruikt op { $when }
portal-passkey-never-used = nog niet gebruikt
portal-passkey-remove = { $name } verwijderen
portal-passkey-removed = De passkey is verwijderd.
portal-passkey-last = Deze passkey is je enige manier om je aan te melden, dus hij blijft. Voeg eerst een andere passkey toe, of vraag een beheerder om een herstellink voor je wachtwoord.
portal-passkey-name = Naam voor deze passkey
portal-passkey-name-hint = Bijvoorbeeld "Pc praktijk". Zonder naam krijgt hij de naam van dit toestel.
portal-passkey-default-name = Passkey op { $device }
portal-passkey-default-name-plain = Passkey
portal-password-title = Je wachtwoord wijzigen
portal-field-current-password = Huidig wachtwoord
portal-field-new-password = Nieuw wachtwoord
portal-password-current-wrong = Je huidige wachtwoord klopt niet. Probeer het nog eens.
portal-password-button = Wachtwoord wijzigen
portal-password-changed = Je wachtwoord is gewijzigd. Je bent overal elders afgemeld.
portal-reset-title = Kies een nieuw wachtwoord
portal-reset-intro = { $name } (gebruikersnaam { $username }): kies een nieuw wachtwoord en stel daarna je authenticator-app opnieuw in. Je oude wachtwoord en codes werken niet meer.
portal-reset-button = Opslaan en opnieuw aanmelden
staff-col-status = Status
staff-col-last-sign-in = Laatst aangemeld
staff-status-active = actief
staff-status-disabled = uitgeschakeld
staff-never-signed-in = nooit
staff-you = (jij)
staff-reset-hint = Wachtwoord vergeten of de telefoon met de authenticator-app kwijt? Met een herstellink kiest je collega een nieuw wachtwoord en stelt de app opnieuw in.
staff-reset-button = Herstellink maken voor { $name }
staff-reset-made = Herstellink voor { $name }
staff-reset-text = Geef deze link zelf aan { $name }. Hij werkt één keer, 24 uur lang, en wordt alleen nu getoond. Zodra hij gebruikt is, eindigen alle sessies van het account.
staff-reset-disabled = Dit account is uitgeschakeld. Schakel het eerst weer in.
staff-disable-confirm = Ik begrijp dat de koppelingen van dit account met moeders definitief eindigen, ook als het later weer ingeschakeld wordt.
staff-disable-button = { $name } uitschakelen
staff-disable-confirm-missing = Vink eerst het vakje aan: uitschakelen beëindigt de koppelingen van het account met moeders.
staff-disable-self = Je kan je eigen account niet uitschakelen. Vraag het aan een andere beheerder.
staff-disable-last-admin = Dit is de laatste actieve beheerder. Nodig eerst een andere beheerder uit of schakel er een weer in.
staff-disabled-done = { $name } is uitgeschakeld: overal afgemeld, en de koppelingen met moeders zijn beëindigd.
staff-enable-hint = Na het inschakelen kan deze persoon zich weer aanmelden. Koppelingen met moeders komen niet terug: een moeder koppelt opnieuw met een nieuwe code.
staff-enable-button = { $name } weer inschakelen
staff-enabled-done = { $name } kan zich weer aanmelden.
sharing-link-ended-by-hospital = beëindigd door het ziekenhuis op { $when }

## Urineverlies (Vandaag, voortgang, de portaalpagina van een moeder)
leak-title = Een beetje urine verloren?
leak-text = Eén tik noteert het, alleen voor jou en, als je deelt, je kinesitherapeut. Zo zie je over de weken heen hoe het gaat.
leak-button = Ik verloor wat urine
leak-noted = Genoteerd. Fijn dat je het bijhoudt.
leak-details-intro = Als je wilt, vul je aan wat je aan het doen was en hoeveel. Je mag het ook zo laten.
leak-activity-legend = Wat was je aan het doen?
leak-activity-cough = Hoesten
leak-activity-sneeze = Niezen
leak-activity-laugh = Lachen
leak-activity-lift = Tillen
leak-activity-sport = Sporten of bewegen
leak-activity-on-the-way = Onderweg naar het toilet
leak-activity-urge = Plotse aandrang
leak-activity-other = Iets anders
leak-amount-legend = Hoeveel?
leak-amount-drops = Een paar druppels
leak-amount-little = Een beetje
leak-amount-lot = Veel
leak-details-save = Bewaren
leak-details-saved = Bewaard. Dank je.
leak-details-refused = Kies uit de mogelijkheden hieronder. Er is niets veranderd.
leaks-per-week-title = Urineverlies per week
progress-leaks-intro = Wat je noteerde met "Ik verloor wat urine", naast je oefeningen. Elke week is anders.
portal-leaks-intro = Wat ze noteerde met "Ik verloor wat urine" op haar pagina Vandaag. Noteren is vrijblijvend.
leaks-col-week = Week van
leaks-col-leaks = Keer
