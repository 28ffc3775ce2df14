# Hangmat — français de Belgique. Vouvoyer la maman (« vous ») ; phrases courtes, chaleureuses et simples.

## Frame
skip-to-content = Aller au contenu
language-switch = Langue
nav-label = Menu principal
nav-today = Aujourd'hui
nav-session = Exercices
nav-progress = Progrès
nav-settings = Réglages
manifest-description = Votre programme pour le périnée après l'accouchement, avec de courtes séances guidées.

## Dates
# A label and its value, as each language writes them (French: a space before the colon).
label-value = { $label } : { $value }
date-day-month = { $day } { $month }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
weekday-short-1 = lun
weekday-short-2 = mar
weekday-short-3 = mer
weekday-short-4 = jeu
weekday-short-5 = ven
weekday-short-6 = sam
weekday-short-7 = dim

## Welcome
welcome-title = Bienvenue dans Hangmat
welcome-intro = Hangmat vous accompagne dans les exercices du périnée que votre hôpital conseille après l'accouchement.
welcome-point-sessions = Trois courtes séances guidées par jour. L'application compte avec vous.
welcome-point-private = Pas besoin de nom ni d'adresse e-mail. Ce que vous notez reste sur le serveur de l'hôpital.
welcome-point-offline = Une fois ouverte, l'application fonctionne aussi sans connexion.
welcome-language = Votre langue
welcome-start-title = Quand votre bébé est-il né ?
welcome-start-button = Commencer
welcome-have-code = J'utilise déjà Hangmat et j'ai un code de récupération
field-birth-date = Date de naissance de votre bébé
field-birth-date-hint = Ainsi, nous savons depuis combien de temps vous avez accouché et nous vous montrons ce qui convient.
error-birth-date-missing = Indiquez la date de naissance de votre bébé.
error-birth-date-invalid = Nous ne pouvons pas lire cette date. Choisissez-la dans le calendrier.
error-birth-date-future = Cette date est dans le futur. Vérifiez le jour de votre accouchement.
error-birth-date-too-old = Hangmat est prévu pour la première année après l'accouchement. Cette date remonte à plus d'un an.

## Recovery code
code-title = Votre code de récupération
code-intro = Avec ce code, vous reprenez là où vous en étiez : sur un autre téléphone, ou après avoir vidé votre navigateur.
code-copy = Copier
code-copied = Copié
code-download = Enregistrer dans un fichier
code-once = Vous ne verrez ce code qu'une seule fois. Gardez-le en lieu sûr, par exemple dans une note sur votre téléphone.
code-continue = Continuer
offer-reminders-title = Quand pouvons-nous vous le rappeler ?
offer-reminders-text = Trois courts moments par jour, liés à quelque chose que vous faites déjà :
offer-reminders-change = Vous pouvez toujours changer ces moments et ces heures dans Réglages, Rappels.
offer-reminders-yes = Oui, rappelez-le-moi à ces moments
offer-push-unsupported = Ce navigateur ne peut pas afficher de notifications. Dans Réglages, Rappels, vous trouverez un lien d'agenda : l'agenda de votre téléphone vous le rappellera.
offer-push-denied = Les notifications sont bloquées dans ce navigateur. Vous pourrez les autoriser plus tard, ou créer un lien d'agenda dans Réglages, Rappels.
offer-push-not-offered = Ce service n'envoie pas de notifications. Dans Réglages, Rappels, vous trouverez un lien d'agenda : l'agenda de votre téléphone vous le rappellera.
home-screen-title = Hangmat sur votre écran d'accueil
home-screen-ios = Dans Safari, touchez Partager en bas (le carré avec la flèche), puis « Sur l'écran d'accueil ». Vous ouvrirez Hangmat d'une touche, et sur un iPhone c'est la seule façon de recevoir ses rappels.
home-screen-android = Touchez le menu de votre navigateur en haut à droite (les trois points), puis « Installer l'application » ou « Ajouter à l'écran d'accueil ». Vous ouvrirez Hangmat d'une touche.
home-screen-install = Mettre sur mon écran d'accueil
home-screen-dismiss = Non merci
code-file-name = hangmat-code-de-recuperation.txt
code-file-text = Code de récupération Hangmat : { $code }
restore-title = Continuer sur ce téléphone
restore-intro = Tapez le code de récupération que vous avez gardé au début.
field-recovery-code = Code de récupération
restore-button = Continuer
restore-back = Retour au début
error-code-missing = Tapez votre code de récupération.
error-code-unknown = Nous ne connaissons pas ce code. Vérifiez chaque caractère. Les tirets et les majuscules n'ont pas d'importance.

## Today
today-title = Aujourd'hui
today-day = Jour { $day } après l'accouchement
today-week = { $week ->
    [one] Première semaine
   *[other] Semaine { $week }
}
outbox-pending = En attente d'envoi, dès que vous serez à nouveau en ligne :
today-rest-title = Reposez-vous et découvrez votre périnée
today-rest-start = { $days ->
    [one] Les exercices commencent demain.
   *[other] Les exercices commencent dans { $days } jours.
}
today-rest-why = Votre corps vient de fournir un gros effort. Les premiers jours servent à vous reposer. Votre corps peut ainsi commencer à guérir avant les exercices.
today-rest-find = Vous pouvez déjà sentir où se trouvent ces muscles. Serrez doucement et remontez vers l'intérieur, comme pour retenir un gaz et l'urine. Puis relâchez.
today-sessions-title = Vos exercices d'aujourd'hui
today-sessions-begun = { $count ->
    [one] (1 commencée)
   *[other] ({ $count } commencées)
}
today-sessions-done = { $planned ->
    [one] { $done } séance faite sur { $planned }
   *[other] { $done } séances faites sur { $planned }
}
today-target = Contractions aujourd'hui, avec un objectif d'environ { $target }
today-target-reached = Vous avez atteint le nombre du jour. Bravo !
today-start-session = Commencer une séance
today-coordination-title = Serrer d'abord, puis tousser ou soulever
today-coordination-text = Contractez votre périnée juste avant de tousser, d'éternuer, de rire ou de soulever quelque chose, votre bébé par exemple. Appuyez sur le bouton chaque fois que vous le faites.
today-coordination-done = C'est fait
today-coordination-count = Fois aujourd'hui :
today-coordination-thanks = C'est noté. Très bien.
moment-cough = tousser
moment-sneeze = éternuer
moment-laugh = rire
moment-lift = soulever
moment-lift_baby = soulever votre bébé
today-recovery-title = Allez-y doucement les premières semaines
today-recovery-lifting = Soulevez et portez le moins possible.
today-recovery-roll = Pour vous lever ou vous coucher, tournez-vous d'abord sur le côté. Cela ménage vos muscles du ventre.
today-recovery-alternate = Plusieurs fois par jour, alternez les moments d'activité et les moments allongée.
today-physio-soon = { $days ->
    [one] La kinésithérapie postnatale peut commencer demain.
   *[other] La kinésithérapie postnatale peut commencer dans { $days } jours. Demandez à temps une prescription à votre médecin généraliste ou à votre spécialiste.
}
today-physio-title = C'est le moment de la kinésithérapie postnatale
today-physio-sessions = { $sessions ->
    [one] Vous pouvez maintenant suivre { $sessions } séance individuelle chez un kinésithérapeute spécialisé dans le périnée.
   *[other] Vous pouvez maintenant suivre { $sessions } séances individuelles chez un kinésithérapeute spécialisé dans le périnée.
}
today-physio-prescription = Il vous faut d'abord une prescription de votre médecin généraliste ou de votre spécialiste. Ensuite, vous pouvez prendre rendez-vous.
contacts-book = Où prendre rendez-vous
contacts-elsewhere = Plus près de chez vous
contacts-questions = Des questions ? Appelez les kinésithérapeutes :

## Session
session-title = Séance guidée
session-back-today = Retour à aujourd'hui
session-part-strength = { $reps } contractions courtes de { $counts } temps, chacune suivie de { $relax } temps de relâchement.
session-part-endurance = Ensuite, { $reps } contractions tenues { $counts } temps, chacune suivie de { $relax } temps de repos.
session-part-fast = Ensuite, { $reps } contractions rapides { $counts ->
    [one] d'un temps
   *[other] de { $counts } temps
}, avec { $relax } temps entre elles.
session-duration = { $minutes ->
    [one] Environ { $minutes } minute.
   *[other] Environ { $minutes } minutes.
}
session-hold-yours = Vous tenez { $counts } temps.
session-hold-change = Modifier
session-position-title = Choisissez une position
session-position-suggested = la suivante
session-check-yourself = Votre bassin reste immobile. Votre ventre et vos fesses restent détendus. Seuls les muscles à l'intérieur bougent.
session-start = Commencer
session-log-title = Fait sans l'application ?
session-log-intro = Notez une séance que vous avez faite de votre côté.
session-log-reps-strength = Contractions faites (sur { $reps })
session-log-reps-endurance = Contractions tenues (sur { $reps })
session-log-reps-fast = Contractions rapides faites (sur { $reps })
session-log-save = Enregistrer cette séance
error-reps-range = Indiquez un nombre de 0 à { $reps }.
error-session-invalid = Nous n'avons pas pu enregistrer cette séance. Vérifiez les nombres.
position-back = Sur le dos, genoux pliés
position-side = Sur le côté
position-sitting = Assise
position-standing = Debout
position-kneeling = À quatre pattes
exercise-strength = Force
exercise-endurance = Endurance
exercise-fast = Contractions rapides
phase-get_ready = Préparez-vous
phase-contract-strength = Serrez et remontez
phase-relax-strength = Relâchez
phase-contract-endurance = Tenez
phase-relax-endurance = Repos
phase-contract-fast = Serrez
phase-relax-fast = Relâchez
caution-find_muscles = Serrez et remontez vers l'intérieur, comme pour retenir un gaz et l'urine.
caution-pelvis_still = Votre bassin reste immobile.
caution-belly_buttocks_loose = Le ventre et les fesses restent détendus.
caution-keep_breathing = Respirez calmement. Ne bloquez pas votre respiration.
caution-relax_fully = Relâchez complètement avant la suivante.
caution-no_pushing = Ne poussez jamais.
player-rep = { $rep } sur { $reps }
player-pause = Pause
player-resume = Reprendre
player-stop = Arrêter
player-done = Terminé. Bravo !
player-stopped = Vous vous êtes arrêtée en cours de route. Ce que vous avez fait compte.
player-did-strength = { $count ->
    [one] 1 contraction courte
   *[other] { $count } contractions courtes
}
player-did-endurance = { $count ->
    [one] 1 contraction tenue { $hold } temps
   *[other] { $count } contractions tenues { $hold } temps
}
player-did-fast = { $count ->
    [one] 1 contraction rapide
   *[other] { $count } contractions rapides
}
player-warm = Chaque contraction aide votre périnée à se remettre. Reposez-vous un instant.
player-today = Aujourd’hui : { $done } contractions sur { $target }.
player-paused = En pause
player-how-did-it-go = Comment ça s'est passé ?
player-rating-easy = Facile
player-rating-fine = Bien
player-rating-hard = Difficile
player-held-every-count = J'ai tenu chaque temps
player-save = Enregistrer
player-skip = Passer
player-saved = Enregistré
player-saved-offline = Enregistré sur votre téléphone. L'envoi se fera dès que vous serez en ligne.
player-back = Retour à aujourd'hui
player-sound = Son
player-speech = Compter à voix haute

## Progress
progress-title = Vos progrès
progress-intro = Chaque contraction compte. Un jour plus calme est simplement un jour.
progress-calendar-title = Les quatre dernières semaines
progress-calendar-hint = Les jours avec environ { $target } contractions sont colorés.
progress-legend-reached = nombre atteint
progress-legend-some = un peu d'exercice
progress-legend-not-yet = pas encore : avant de pouvoir commencer
progress-days-reached = { $days ->
    [one] { $days } jour avec le nombre atteint.
   *[other] { $days } jours avec le nombre atteint.
}
progress-contractions = { $count ->
    [one] { $count } contraction
   *[other] { $count } contractions
}
progress-per-day-title = Contractions par jour
progress-col-date = Date
progress-col-sessions = Séances
progress-col-coordination = Avant un effort
progress-col-contractions = Contractions
progress-hold-title = Votre temps de maintien au fil des semaines
progress-col-hold = Maintien (temps)
progress-col-set-by = Réglé par
progress-set-by-you = vous
progress-set-by-physio = votre kinésithérapeute
progress-set-by-programme = le programme

## Settings
settings-title = Réglages
settings-saved = Enregistré.
settings-about-you = Langue et date de naissance
field-language = Langue
settings-time-zone = Vos heures suivent l'heure locale de cette ville : { $zone }.
zone-place-Europe-Brussels = Bruxelles
zone-place-Europe-Paris = Paris
zone-place-Europe-Luxembourg = Luxembourg
zone-place-Europe-London = Londres
zone-place-Europe-Amsterdam = Amsterdam
settings-save = Enregistrer
settings-hold-title = Votre temps de maintien
settings-hold-range = Le programme prévoit de tenir { $min } à { $max } temps. Vous tenez maintenant { $current } temps.
field-hold = Maintien (temps)
settings-hold-hint = Choisissez une durée que vous pouvez tenir en respirant calmement. Hangmat ne la change jamais de lui-même.
settings-hold-by-physio = Votre kinésithérapeute a réglé votre temps de maintien actuel.
settings-hold-save = Enregistrer le maintien
error-hold-range = Choisissez un nombre entier de { $min } à { $max }.
settings-code-title = Code de récupération
settings-code-text = Votre code de récupération permet de retrouver vos données sur un autre téléphone. Nous ne le gardons pas sous une forme lisible. Nous ne pouvons donc pas vous le montrer à nouveau. Vous l’avez perdu ? Créez-en un nouveau : l’ancien ne fonctionnera plus.
settings-code-new = Créer un nouveau code de récupération
settings-erase-title = Effacer toutes mes données
settings-erase-text = Cela supprime votre profil et tout ce que vous avez noté, définitivement. Ce n'est pas réversible.
settings-erase-confirm = Oui, tout effacer
settings-erase-button = Effacer mes données
error-erase-confirm = Cochez d'abord la case pour confirmer.
erased-title = Vos données sont effacées
erased-text = Plus rien de ce que vous avez noté ne se trouve sur le serveur. Ce téléphone vous a oubliée aussi.
erased-start-again = Recommencer

## Offline and errors
offline-title = Vous êtes hors ligne
offline-text = Cette page n'est pas encore enregistrée sur votre téléphone. Les pages que vous avez déjà ouvertes fonctionnent toujours.
offline-retry = Réessayer
error-back-home = Aller au début
error-request-id = Si vous contactez le service d'assistance, indiquez cette référence : { $id }
error-not-found = Page introuvable
error-not-found-text = Cette page n'existe pas (ou plus).
error-cross-site = Demande refusée
error-cross-site-text = Cette demande venait d'un autre site web. Nous ne l'avons donc pas exécutée.
error-conflict = Existe déjà
error-conflict-text = Cet enregistrement existe déjà. Veuillez réessayer.
error-unavailable = Temporairement indisponible
error-unavailable-text = Nous ne pouvons pas joindre la base de données pour le moment. Rien de ce que vous avez enregistré n'est perdu. Réessayez dans un instant.
problem-invalid-input = Certaines données ne sont pas valides.
problem-malformed-request = La demande n'a pas pu être lue.
problem-not-signed-in = Cet appareil n'a pas de profil.
problem-id-taken = Cet identifiant est déjà utilisé.
problem-unavailable = Temporairement indisponible.
problem-account-disabled = Ce compte est désactivé.
problem-push-service-refused = Nous ne pouvons pas envoyer de notifications par ce service.
problem-internal = Un problème est survenu de notre côté.
problem-not-found = Il n'y a rien à cette adresse.
problem-method-not-allowed = Cette adresse n'accepte pas ce type de demande.
problem-too-large = C'est trop volumineux pour être envoyé.
problem-timeout = Cela a pris trop de temps. Veuillez réessayer.
problem-forbidden = Ce n'est pas autorisé.

## Apprendre
nav-learn = Apprendre
footer-warning-signs = Signes d’alerte après l’accouchement
topbar-help = Besoin d’aide ?
help-call-emergency = Appeler le { $number }
help-not-urgent = Pas une urgence, mais inquiète ? Appelez :
learn-title = Apprendre
learn-intro = De courtes pages sur votre périnée, à lire quand cela vous convient.
learn-pager = Autres pages
learn-start-session = Commencer une séance guidée

## Listen mode: the session as one audio track, to follow by ear with the screen locked
listen-start = Écouter
listen-hint = Écouter : des sons et des mots vous guident, même écran verrouillé ou les yeux fermés.
listen-preparing = Préparation de votre séance…
listen-failed = L'écoute ne fonctionne pas sur ce téléphone. Votre séance se déroule avec l'image et le son.
listen-media-title = Séance
listen-playing = Vous pouvez verrouiller l'écran. Vous pouvez aussi mettre en pause depuis l'écran verrouillé.

## Reminders
reminders-title = Rappels
reminders-intro = Liez vos exercices à des moments qui existent déjà dans votre journée. Nous vous les rappelons, et nous nous taisons dès qu'ils sont faits.
reminders-settings-link-text = Vos moments, vos heures calmes, les notifications et l'agenda.
reminders-settings-link = Régler vos rappels
reminders-saved = Vos rappels sont enregistrés.
reminders-snoozed = Nous vous le rappellerons bientôt.
reminders-push-title = Notifications
reminders-push-unsupported = Ce navigateur ne peut pas afficher les notifications de Hangmat. Utilisez le lien d'agenda ci-dessous : l'agenda de votre téléphone vous le rappellera.
reminders-push-denied = Les notifications de Hangmat sont bloquées dans ce navigateur. Vous pouvez les autoriser dans les réglages du navigateur, ou utiliser le lien d'agenda ci-dessous.
reminders-push-off = Les notifications sont désactivées sur ce téléphone.
reminders-push-on = Les notifications sont activées sur ce téléphone.
reminders-push-failed = Cela n'a pas fonctionné. Réessayez dans un instant.
reminders-push-turn-on = Activer les notifications
reminders-push-turn-off = Désactiver les notifications
reminders-push-not-offered = Ce service n'envoie pas de notifications. Utilisez le lien d'agenda ci-dessous : l'agenda de votre téléphone vous le rappellera.
reminders-push-devices = { $count ->
    [one] Les rappels arrivent sur un téléphone ou navigateur.
   *[other] Les rappels arrivent sur { $count } téléphones ou navigateurs.
}
reminders-push-discreet = Une notification dit seulement « Hangmat » et une invitation ordinaire : rien de personnel sur votre écran verrouillé.
reminders-moments-title = Vos moments
reminders-moments-hint = Chaque moment vous invite à la séance d'exercices suivante de votre journée. Choisissez « Aucun moment » pour en retirer un.
reminders-moment-label = Moment { $number }
reminders-field-habit = Quand
reminders-field-own-words = Avec vos propres mots (si vous l'avez choisi)
reminders-field-time = Heure
reminders-quiet-title = Heures calmes
reminders-quiet-hint = Rien ne sonne entre ces heures.
reminders-quiet-from = De
reminders-quiet-until = À
reminders-prescription-title = Prescription de kinésithérapie
reminders-field-prescription = Date de votre prescription (si vous en avez une)
reminders-prescription-deadline = Commencez vos séances avant le { $date }. Nous vous le rappellerons une semaine avant.
reminders-save = Enregistrer les rappels
reminders-snooze-title = Pas maintenant ?
reminders-snooze-hint = Nous vous le rappellerons un peu plus tard.
reminders-snooze-minutes = Dans { $minutes } minutes
reminders-milestones-title = À venir
reminders-calendar-title = Agenda
reminders-calendar-text = Ajoutez vos moments et les étapes suivantes à l'agenda de votre téléphone grâce à un lien personnel.
reminders-calendar-once = Gardez ce lien pour vous. Nous ne l'affichons que maintenant.
reminders-calendar-make = Créer un lien d'agenda
reminders-calendar-reset = Créer un nouveau lien d'agenda
reminders-calendar-reset-hint = L'ancien lien ne fonctionnera plus.
reminders-habit-none = Aucun moment
reminders-habit-brushing-teeth = Après m'être brossé les dents
reminders-habit-feeding = Pendant l'allaitement ou le biberon
reminders-habit-watching-tv = Devant la télé
reminders-habit-in-the-car = En voiture
reminders-habit-at-my-desk = À mon bureau
reminders-habit-own-words = Avec mes propres mots
reminders-milestone-exercises-start = Vous pouvez commencer vos exercices.
reminders-milestone-ask-prescription = Demandez à votre médecin généraliste ou à votre gynécologue une prescription de kinésithérapie postnatale.
reminders-milestone-book-sessions = Prenez rendez-vous pour vos séances de kinésithérapie.
reminders-milestone-prescription-expires = Votre prescription expire dans une semaine : commencez vos séances.
reminders-error-habit = Choisissez quand a lieu ce moment.
reminders-error-time = Indiquez une heure, par exemple 08:30.
reminders-error-prescription = Indiquez la date de votre prescription (pas dans le futur).
reminders-error-own-words = Décrivez votre moment avec vos propres mots.
reminders-error-own-words-long = Limitez vos mots à 60 caractères.
reminders-error-form = Quelques champs sont à revoir. Rien n'a été modifié.
reminders-error-snooze = Choisissez 15 ou 30 minutes.
reminders-push-moment = { $habit } : quelques minutes pour vous ?
reminders-push-moment-plain = Quelques minutes pour vous ?
reminders-push-snooze = Voici à nouveau votre moment.
reminders-push-milestone-exercises-start = Du nouveau vous attend dans Hangmat.
reminders-push-milestone-ask-prescription = Une prochaine étape vous attend dans Hangmat.
reminders-push-milestone-book-sessions = Une prochaine étape vous attend dans Hangmat.
reminders-push-milestone-prescription-expires = Une date approche. Jetez un œil dans Hangmat.
reminders-action-open = Commencer
reminders-action-snooze = Plus tard
reminders-calendar-moment = Hangmat : { $habit }
reminders-calendar-moment-plain = Hangmat : votre moment
reminders-calendar-moment-description = Quelques minutes pour vous. Ouvrez Hangmat pour commencer.
reminders-calendar-exercises-start = Hangmat : vous pouvez commencer
reminders-calendar-ask-prescription = Hangmat : demandez votre prescription
reminders-calendar-book-sessions = Hangmat : prenez rendez-vous
reminders-calendar-prescription-expires = Hangmat : votre prescription expire dans une semaine
## Personnel, portail, partage (issue 5, access)
error-form-expired = Ce formulaire a expiré
error-form-expired-text = Rechargez la page et réessayez. Rien n’a été modifié.
error-forbidden = Cette page n’est pas destinée à votre compte
error-forbidden-text = Connectez-vous avec un compte autorisé à l’ouvrir.
error-too-large = C'est trop volumineux
error-too-large-text = Ce que vous avez envoyé dépasse la taille de tout formulaire ici. Rien n'a été modifié.
error-bad-form = Nous n'avons pas pu lire ce formulaire
error-bad-form-text = Revenez en arrière, rechargez la page et remplissez-la à nouveau. Rien n'a été modifié.
error-timeout = Cela a pris trop de temps
error-timeout-text = La connexion était trop lente. Veuillez réessayer. Rien n'a été modifié.
portal-login-title = Se connecter au portail
portal-joined-notice = Votre compte est prêt. Connectez-vous maintenant avec votre nom d'utilisateur, votre mot de passe et le code de votre application d'authentification.
portal-reset-notice = Votre nouveau mot de passe et votre authentificateur sont enregistrés. Connectez-vous maintenant.
portal-login-intro = Pour les kinésithérapeutes et les administrateurs de ce service.
portal-field-username = Nom d’utilisateur
portal-field-password = Mot de passe
portal-field-code = Code de votre application d’authentification
portal-login-button = Continuer
portal-login-wrong = Ce nom d’utilisateur et ce mot de passe ne correspondent pas. Veuillez réessayer.
portal-too-many-attempts = Trop de tentatives. Veuillez attendre { $minutes } minutes avant de réessayer.
portal-code-title = Saisissez votre code
portal-code-intro = Ouvrez votre application d’authentification et tapez les six chiffres affichés pour Hangmat.
portal-code-button = Se connecter
portal-code-back = Recommencer
portal-code-wrong = Ce code ne correspond pas. Les codes changent toutes les 30 secondes : tapez celui affiché maintenant.
portal-logout = Se déconnecter
portal-join-title = Créez votre compte du portail
portal-join-intro = Vous avez été invité·e en tant que { $name }. Choisissez un nom d’utilisateur et un mot de passe, puis associez une application d’authentification.
portal-join-password-hint = Au moins { $min } caractères. Une phrase dont vous vous souvenez convient bien.
portal-join-password-short = Le mot de passe doit compter au moins { $min } caractères.
portal-join-username-invalid = Utilisez de 3 à 64 lettres, chiffres, points, tirets ou @.
portal-join-username-taken = Ce nom d’utilisateur est déjà pris. Veuillez en choisir un autre.
portal-join-totp-title = Deuxième étape : application d’authentification
portal-join-totp-text = Scannez ce code avec une application d’authentification sur votre téléphone, puis tapez les six chiffres affichés.
portal-join-totp-manual = Impossible de scanner ? Saisissez cette clé à la main :
portal-join-qr-label = Code QR pour votre application d’authentification
portal-join-button = Créer le compte
portal-mothers-title = Mes patientes
portal-link-title = Se lier à une maman
portal-link-intro = Demandez-lui le code de « Partage » dans son application. Il fonctionne une fois, pendant 24 heures.
portal-link-code = Son code
portal-link-label = Votre libellé pour elle
portal-link-label-hint = Un numéro de dossier ou des initiales. Vous seul·e le voyez.
portal-link-label-missing = Veuillez indiquer un libellé pour la retrouver dans votre liste.
portal-link-code-unknown = Ce code ne fonctionne pas. Il est peut-être mal tapé, déjà utilisé ou plus vieux que 24 heures. Demandez-lui un nouveau code.
portal-link-button = Lier
portal-list-count = { $count ->
    [one] Une maman
   *[other] { $count } mamans
}
portal-filter-label = Afficher
portal-filter-all = Toutes
portal-flag-inactive = Aucune activité depuis 3 jours
portal-flag-hard = Jugé difficile à plusieurs reprises
portal-flag-physio = Kinésithérapie à commencer
portal-sort-attention = D'abord celles qui demandent de l'attention
portal-group-attention = { $count ->
    [one] Demande de l'attention : 1 mère
   *[other] Demandent de l'attention : { $count } mères
}
portal-group-others = Les autres
portal-list-range = { $count ->
    [0] Aucune mère pour ce choix.
   *[other] { $first }–{ $last } sur { $count }
}
portal-pages-label = Pages
portal-page-number = Page { $number }
portal-flags-note = Ces indicateurs ne font que trier la liste. Ce ne sont pas des conseils.
portal-col-label = Libellé
portal-col-day = Jour après la naissance
portal-col-sessions = Séances par jour, 7 derniers jours (objectif { $target })
portal-col-contractions = Contractions par jour, 7 derniers jours (objectif { $target })
portal-own-target = (son objectif { $target })
portal-col-hold = Maintien (temps)
portal-col-ratings = Appréciations, 7 derniers jours
portal-col-activity = Dernière activité
portal-col-physio-sessions = Séances de kinésithérapie
portal-ratings-line = facile { $easy } · bien { $fine } · difficile { $hard }
portal-days-ago = { $days ->
    [0] aujourd’hui
    [one] il y a 1 jour
   *[other] il y a { $days } jours
}
portal-back-to-list = Retour à mes patientes
portal-mother-title = Une maman
portal-mother-day = Jour { $day } après la naissance
portal-adherence-title = Contractions par jour (objectif { $target })
portal-col-date = Date
portal-col-day-sessions = Séances
portal-col-day-contractions = Contractions
portal-col-taps = Coordinations notées
portal-hold-title = Maintien au fil du temps
portal-col-set-by = Réglé par
portal-set-by-mother = elle-même
portal-set-by-physio = kinésithérapeute
portal-set-by-programme = début du programme
portal-outcomes-title = Ses séances, 4 dernières semaines
portal-outcomes-none = Aucune séance ces 4 dernières semaines.
portal-col-position = Position
portal-col-completed = Complète
portal-col-rating = Son appréciation
portal-rating-easy = facile
portal-rating-fine = bien
portal-rating-hard = difficile
portal-yes = oui
portal-no = non
portal-end-title = Mettre fin à ce lien
portal-end-text = Vous ne verrez plus ses données. Elle peut se lier à nouveau avec un nouveau code.
portal-end-button = Mettre fin au lien
staff-title = Comptes du personnel
staff-invite-title = Inviter un·e collègue
staff-field-name = Nom
staff-field-role = Rôle
staff-role-admin = Administrateur
staff-role-physiotherapist = Kinésithérapeute
staff-invite-button = Créer un lien d’invitation
staff-invite-name-missing = Veuillez indiquer le nom de votre collègue.
staff-invitation-made = Lien d’invitation
staff-invitation-text = Remettez ce lien vous-même à votre collègue. Il fonctionne une fois, pendant 7 jours, et n’est affiché que maintenant.
staff-list-title = Comptes
sharing-title = Partager avec votre kinésithérapeute
sharing-intro = Vous décidez qui voit vos exercices. Personne ne les voit sans un code de votre part.
sharing-code-title = Créer un code
sharing-code-text = Donnez le code à votre kinésithérapeute. Il fonctionne une fois, pendant 24 heures.
sharing-code-button = Créer un code
sharing-code-made = Votre code
sharing-code-until = Valable jusqu’au { $until }.
sharing-code-qr-label = Code QR avec votre code de partage
sharing-links-title = Qui peut voir vos données
sharing-links-none = Personne. Vos données restent chez vous.
sharing-link-since = depuis le { $when }
sharing-link-ended = terminé le { $when }
sharing-link-end = Arrêter le partage avec { $name }
advice-title = De votre kinésithérapeute
sharing-audit-title = Qui a consulté vos données
sharing-audit-none = Personne n’a consulté vos données.
sharing-audit-when = Quand
sharing-audit-who = Qui
sharing-audit-what = Quoi
sharing-audit-times = { $count ->
    [one] { $what }
   *[other] { $what }, { $count } fois
}
sharing-audit-read = a consulté vos exercices
sharing-audit-change-own = a modifié vos données
sharing-audit-change-programme = a modifié votre programme
sharing-audit-record-session = a noté une séance de kinésithérapie
sharing-audit-manage-sharing = a modifié le partage
sharing-audit-end-link = a mis fin au lien
sharing-audit-export = a téléchargé vos données
sharing-audit-erase = a effacé vos données
sharing-audit-link = s’est lié·e avec votre code
sharing-audit-manage-staff = a géré des comptes
sharing-export-title = Télécharger vos données
sharing-export-text = Tout ce que Hangmat conserve à votre sujet, dans un seul fichier (JSON).
sharing-export-button = Télécharger mes données
sharing-back = Retour aux réglages
sharing-open = Partage et consultations
## Ses soins : le programme réglé par sa kinésithérapeute, et les séances de kinésithérapie
care-changes-title = De votre kinésithérapeute
care-change = Votre kinésithérapeute { $name } a changé { $what } de { $old } à { $new } le { $date }.
care-change-added = Votre kinésithérapeute { $name } a ajouté { $what } à vos séances le { $date }.
care-change-removed = Votre kinésithérapeute { $name } a retiré { $what } de vos séances le { $date }.
care-kind-strength = les contractions courtes
care-kind-endurance = les contractions tenues
care-kind-fast = des contractions rapides
care-field-hold = le temps de maintien
care-field-sets-per-day = le nombre de séances par jour
care-field-positions = les positions
care-field-reps-strength = le nombre de contractions courtes
care-field-reps-endurance = le nombre de contractions tenues
care-field-reps-fast = le nombre de contractions rapides
care-field-contract-strength = la durée d'une contraction courte
care-field-contract-fast = la durée d'une contraction rapide
care-field-relax-strength = le relâchement après une contraction courte
care-field-relax-endurance = le repos après une contraction tenue
care-field-relax-fast = le relâchement après une contraction rapide
care-value-counts = { $counts ->
    [one] 1 temps
   *[other] { $counts } temps
}
care-value-yes = oui
care-value-no = non
care-portal-programme-title = Programme
care-portal-programme-intro = Réglez ce qui diffère pour elle. Chaque modification est enregistrée avec votre nom et l'heure, et elle la voit dès sa prochaine séance.
care-portal-programme-general = Son programme dans l'ensemble
care-portal-programme-file = Fichier du programme : { $value }
care-portal-programme-save = Enregistrer le programme
care-portal-programme-saved = { $count ->
    [0] Rien n'a changé.
    [one] Une modification enregistrée.
   *[other] { $count } modifications enregistrées.
}
care-editor-hold = Maintien en endurance (temps)
care-editor-sets-per-day = Séances par jour
care-editor-positions = Positions de départ
care-editor-included = Fait partie de ses séances
care-editor-reps = Répétitions par séance
care-editor-contract = Durée de la contraction (temps)
care-editor-relax = Repos après chaque répétition (temps)
care-editor-file-hold = Fichier du programme : départ à { $start } temps ; elle choisit elle-même entre { $min } et { $max } temps.
care-editor-counts-note = Les durées sont en temps ; un temps dure { $seconds } s dans ce programme.
care-editor-changed-meanwhile = Quelqu'un d'autre a modifié son programme pendant que vous remplissiez ce formulaire. Rien n'a été enregistré. Ce que vous avez saisi est resté dans le formulaire ; consultez l'historique ci-dessous et enregistrez à nouveau si c'est toujours juste.
care-position-back = Décubitus dorsal, genoux fléchis
care-position-side = Décubitus latéral
care-position-sitting = Position assise
care-position-standing = Position debout
care-position-kneeling = Quadrupédie
care-portal-history-title = Modifications
care-portal-history-empty = Pas encore de modification : elle suit le fichier du programme.
care-portal-history-when = Quand
care-portal-history-who = Par
care-portal-history-what = Quoi
care-portal-history-old = Avant
care-portal-history-new = Après
care-portal-sessions-title = Séances de kinésithérapie
care-portal-sessions-count = { $done ->
    [one] { $done } séance sur { $total } notée
   *[other] { $done } séances sur { $total } notées
}
care-portal-sessions-empty = Aucune séance notée pour l'instant.
care-portal-session-new = Noter une séance
care-portal-session-number = Séance
care-portal-session-date = Date
care-portal-session-contraction = Contraction
care-contraction-correct = Correcte
care-portal-contraction-not-assessed = Non évaluée
care-portal-contraction-faults = Avec des erreurs
care-fault-strains = pousse (vers le bas)
care-fault-holds_breath = bloque sa respiration
care-fault-co_contracts = contracte aussi ventre, fesses ou cuisses
care-portal-can-relax = Se relâche complètement
care-portal-knack = Knack à la toux
care-portal-answer-unknown = Non évalué
care-portal-oxford = Échelle d'Oxford modifiée
care-oxford-0 = aucune
care-oxford-1 = frémissement
care-oxford-2 = faible
care-oxford-3 = moyenne, avec élévation
care-oxford-4 = bonne
care-oxford-5 = forte
care-portal-perfect-title = Schéma PERFECT
care-portal-perfect-p = P (force) est le grade d'Oxford ci-dessus.
care-portal-perfect-e = E : endurance, secondes tenues (0-10)
care-portal-perfect-r = R : répétitions de ce maintien (0-10)
care-portal-perfect-f = F : contractions rapides d'une seconde (0-10)
care-portal-pain = Douleur (0-10)
care-portal-notes = Notes
care-portal-home-programme = Programme à domicile donné
care-portal-session-save = Enregistrer la séance
care-portal-session-saved = Séance { $number } enregistrée.
care-portal-session-correct = Corriger la séance { $number }
care-portal-recorded-by = Notée par
care-portal-summary-link = Résumé imprimable
care-portal-summary-title = Résumé pour le dossier médical
care-portal-summary-print = Imprimer
care-portal-summary-programme = Programme
care-portal-summary-hold = Temps de maintien actuel : { $counts } temps
care-portal-summary-adherence = { $days ->
    [0] Observance : les exercices ne commencent qu’au jour prévu par le programme
    [one] Observance, premier jour d’exercices
   *[other] Observance, { $days } derniers jours d’exercices
}
care-portal-summary-days-reached = Jours où l'objectif du jour a été atteint : { $reached } sur { $days }
care-portal-summary-sessions = Séances guidées : { $sessions } ; contractions : { $contractions } (objectif { $target } par jour)
care-portal-summary-assessments = Séances de kinésithérapie
care-portal-summary-footer = Imprimé le { $date } depuis Hangmat. Les valeurs sont telles que notées ; Hangmat n'en tire aucune conclusion.
care-portal-nav = Ses soins
care-portal-sessions-done = Séances faites
care-error-number = Tapez un nombre entier.
care-error-range = Entre { $min } et { $max }.
care-error-positions = Choisissez au moins une position.
care-error-exercises = Gardez au moins un exercice dans ses séances.
care-error-session-number = Choisissez une séance de 1 à { $max }.
care-error-date = Tapez une date (année-mois-jour).
care-error-date-future = Cette date n'est pas encore arrivée.
care-error-faults = Cochez au moins une erreur, ou choisissez « Correcte ».
care-error-choice = Choisissez une des réponses proposées.
care-error-too-long = Ce texte est trop long (4000 caractères au plus).
portal-passkey-login-title = Ou connectez-vous avec une clé d’accès
portal-passkey-login-text = Tapez votre nom d’utilisateur ci-dessus, puis utilisez votre téléphone, votre empreinte ou une clé de sécurité.
portal-passkey-login-button = Se connecter avec une clé d’accès
portal-passkey-failed = Cela n’a pas fonctionné. Réessayez, ou connectez-vous avec votre mot de passe et votre code.
portal-passkey-add-title = Ajouter une clé d’accès
portal-passkey-add-text = Connectez-vous la prochaine fois avec votre empreinte, votre visage ou une clé de sécurité, sans mot de passe ni code.
portal-passkey-add-button = Ajouter une clé d’accès
portal-passkey-added = Clé d’accès ajoutée. Vous pourrez l’utiliser à votre prochaine connexion.

# La clé d’accès de la maman (issue 5)
mother-passkey-title = Clés d’accès
mother-passkey-text = Une clé d’accès vous permet de retrouver votre profil sur un nouveau téléphone, avec votre empreinte, votre visage ou le verrouillage de l’écran. Votre code de récupération reste valable.
mother-passkey-unsupported = Ce navigateur ne peut pas utiliser de clé d’accès. Votre code de récupération reste valable.
mother-passkey-add-button = Ajouter une clé d’accès
mother-passkey-add-failed = La clé d’accès n’a pas été ajoutée. Vous pouvez réessayer.
mother-passkey-none = Vous n’avez pas encore de clé d’accès.
mother-passkey-added-on = Clé d’accès ajoutée le { $when }
mother-passkey-used-on = utilisée pour la dernière fois le { $when }
mother-passkey-remove = Supprimer la clé d’accès du { $when }
mother-passkey-restore-title = Retrouver avec une clé d’accès
mother-passkey-restore-text = Vous avez ajouté une clé d’accès ? Utilisez-la ici, sans code.
mother-passkey-restore-button = Retrouver avec une clé d’accès
mother-passkey-restore-failed = Cela n’a pas fonctionné. Vous pouvez réessayer, ou taper votre code de récupération.

# Comptes du personnel : son compte, noms des clés d’accès, mot de passe changé ou réinitialisé, désactivation (issue 5)
portal-account-title = Mon compte
portal-account-intro = { $name } · nom d’utilisateur { $username }
portal-back-to-accounts = Retour aux comptes du personnel
portal-login-disabled = Votre compte est désactivé. Demandez à un administrateur de ce service de le réactiver.
portal-passkeys-title = Vos clés d’accès
portal-passkeys-none = Vous n’avez pas encore de clé d’accès. Vous vous connectez avec votre mot de passe et un code.
portal-passkey-added-on = ajoutée le { $when }
portal-passkey-used-on = dernière utilisation le { $when }
portal-passkey-never-used = pas encore utilisée
portal-passkey-remove = Supprimer { $name }
portal-passkey-removed = La clé d’accès est supprimée.
portal-passkey-last = Cette clé d’accès est votre seul moyen de vous connecter : elle est donc conservée. Ajoutez d’abord une autre clé d’accès, ou demandez à un administrateur un lien de réinitialisation du mot de passe.
portal-passkey-name = Nom de cette clé d’accès
portal-passkey-name-hint = Par exemple « PC du cabinet ». Sans nom, elle porte le nom de cet appareil.
portal-passkey-default-name = Clé d’accès sur { $device }
portal-passkey-default-name-plain = Clé d’accès
portal-password-title = Changer votre mot de passe
portal-field-current-password = Mot de passe actuel
portal-field-new-password = Nouveau mot de passe
portal-password-current-wrong = Votre mot de passe actuel n’est pas correct. Veuillez réessayer.
portal-password-button = Changer le mot de passe
portal-password-changed = Votre mot de passe est changé. Toutes vos autres sessions sont fermées.
portal-reset-title = Choisissez un nouveau mot de passe
portal-reset-intro = { $name } (nom d’utilisateur { $username }) : choisissez un nouveau mot de passe, puis configurez à nouveau votre application d’authentification. L’ancien mot de passe et les anciens codes ne fonctionnent plus.
portal-reset-button = Enregistrer et se reconnecter
staff-col-status = Statut
staff-col-last-sign-in = Dernière connexion
staff-status-active = actif
staff-status-disabled = désactivé
staff-never-signed-in = jamais
staff-you = (vous)
staff-reset-hint = Mot de passe oublié ou téléphone avec l’application d’authentification perdu ? Un lien de réinitialisation permet de choisir un nouveau mot de passe et de configurer l’application à nouveau.
staff-reset-button = Créer un lien de réinitialisation pour { $name }
staff-reset-made = Lien de réinitialisation pour { $name }
staff-reset-text = Remettez ce lien vous-même à { $name }. Il fonctionne une fois, pendant 24 heures, et n’est affiché que maintenant. Dès qu’il est utilisé, toutes les sessions du compte sont fermées.
staff-reset-disabled = Ce compte est désactivé. Réactivez-le d’abord.
staff-disable-confirm = Je comprends que les liens de ce compte avec des mères prennent fin définitivement, même s’il est réactivé plus tard.
staff-disable-button = Désactiver { $name }
staff-disable-confirm-missing = Cochez d’abord la case : la désactivation met fin aux liens du compte avec des mères.
staff-disable-self = Vous ne pouvez pas désactiver votre propre compte. Demandez-le à un autre administrateur.
staff-disable-last-admin = C’est le dernier administrateur actif. Invitez ou réactivez d’abord un autre administrateur.
staff-disabled-done = { $name } est désactivé : toutes les sessions sont fermées et les liens avec des mères ont pris fin.
staff-enable-hint = Une fois réactivée, cette personne peut à nouveau se connecter. Les liens avec des mères ne reviennent pas : une mère se relie avec un nouveau code.
staff-enable-button = Réactiver { $name }
staff-enabled-done = { $name } peut à nouveau se connecter.
sharing-link-ended-by-hospital = terminé par l’hôpital le { $when }

## Fuites (Aujourd'hui, progrès, la page d'une mère dans le portail)
leak-title = Une petite fuite ?
leak-text = Un geste suffit pour le noter, pour vous seule et, si vous partagez, pour votre kinésithérapeute. Au fil des semaines, vous voyez comment cela évolue.
leak-button = J'ai eu une petite fuite
leak-noted = C'est noté. Merci de faire le suivi.
leak-details-intro = Si vous le souhaitez, ajoutez ce que vous faisiez et la quantité. Vous pouvez aussi en rester là.
leak-activity-legend = Que faisiez-vous ?
leak-activity-cough = Je toussais
leak-activity-sneeze = J'éternuais
leak-activity-laugh = Je riais
leak-activity-lift = Je soulevais quelque chose
leak-activity-sport = Sport ou exercice
leak-activity-on-the-way = En allant aux toilettes
leak-activity-urge = Une envie soudaine
leak-activity-other = Autre chose
leak-amount-legend = Quelle quantité ?
leak-amount-drops = Quelques gouttes
leak-amount-little = Un peu
leak-amount-lot = Beaucoup
leak-details-save = Enregistrer
leak-details-saved = Enregistré. Merci.
leak-details-refused = Veuillez choisir parmi les options ci-dessous. Rien n'a été modifié.
leaks-per-week-title = Fuites par semaine
progress-leaks-intro = Ce que vous avez noté avec « J'ai eu une petite fuite », à côté de vos exercices. Chaque semaine est différente.
portal-leaks-intro = Ce qu'elle a noté avec « J'ai eu une petite fuite » sur sa page Aujourd'hui. Noter est facultatif.
leaks-col-week = Semaine du
leaks-col-leaks = Fuites
