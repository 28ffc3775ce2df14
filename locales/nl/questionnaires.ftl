## Vragenlijsten (issue 18): haar pagina, de uitnodiging op Vandaag, haar scores, het portaal.

questionnaire-page-title = Vragenlijst
questionnaire-intro = Kies het antwoord dat deze dagen het best bij jou past. Er zijn geen goede of foute antwoorden.
questionnaire-optional = (mag je overslaan)
questionnaire-refused = Bij enkele antwoorden moet je nog even kijken (zie hieronder). Er is nog niets bewaard.
questionnaire-send = Bewaar mijn antwoorden
questionnaire-back = Terug naar vandaag, zonder te bewaren
questionnaire-conditional = Alleen als deze vraag past bij je antwoord hierboven.
questionnaire-skip-if = Sla deze vraag over als je hierboven “{ $answer }” koos.
questionnaire-yes = Ja
questionnaire-no = Nee
questionnaire-error-missing = Kies hier een antwoord.
questionnaire-error-not-an-option = Kies een van de getoonde antwoorden.
questionnaire-error-not-a-number = Typ een geheel getal.
questionnaire-error-too-small = Het kleinste getal dat hier kan, is { $min }.
questionnaire-error-too-large = Het grootste getal dat hier kan, is { $max }.
questionnaire-error-not-yes-or-no = Kies ja of nee.
questionnaire-error-not-enabled = Na je antwoord hierboven hoort deze vraag er niet bij. We hebben ze leeg gelaten.
questionnaire-score-range = De score is de telling van de vragenlijst zelf, van { $min } tot { $max }.

questionnaire-invite-text = Eén minuutje, als je zin hebt: een paar vragen over hoe het gaat. Je antwoorden komen bij je vooruitgang, en je kinesitherapeut ziet ze als je deelt.
questionnaire-invite-answer = Beantwoord de vragen
questionnaire-invite-not-now = Nu niet

questionnaire-scores-intro = Je antwoorden door de tijd heen, zoals je ze gaf.
questionnaire-scores-intro-portal = Haar antwoorden door de tijd heen, zoals ze ze gaf. De klasse is die van het instrument zelf.
questionnaire-col-date = Datum
questionnaire-col-answers = Antwoorden
questionnaire-col-score = Score
questionnaire-col-band = Klasse
questionnaire-list-col-sandvik = Sandvik (laatste)
questionnaire-list-none = niet ingevuld
