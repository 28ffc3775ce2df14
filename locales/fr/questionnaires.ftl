## Questionnaires (issue 18) : sa page, l'invitation sur Aujourd'hui, ses scores, le portail.

questionnaire-page-title = Questionnaire
questionnaire-intro = Choisissez la réponse la plus proche de ce que vous vivez ces jours-ci. Il n'y a pas de bonne ou de mauvaise réponse.
questionnaire-optional = (facultatif)
questionnaire-refused = Quelques réponses sont encore à revoir (voir plus bas). Rien n'a encore été enregistré.
questionnaire-send = Enregistrer mes réponses
questionnaire-back = Retour à aujourd'hui, sans enregistrer
questionnaire-conditional = Seulement si cette question s'applique après votre réponse ci-dessus.
questionnaire-skip-if = Passez cette question si vous avez choisi « { $answer } » ci-dessus.
questionnaire-yes = Oui
questionnaire-no = Non
questionnaire-error-missing = Choisissez une réponse ici.
questionnaire-error-not-an-option = Choisissez une des réponses proposées.
questionnaire-error-not-a-number = Tapez un nombre entier.
questionnaire-error-too-small = Le plus petit nombre possible ici est { $min }.
questionnaire-error-too-large = Le plus grand nombre possible ici est { $max }.
questionnaire-error-not-yes-or-no = Choisissez oui ou non.
questionnaire-error-not-enabled = Après votre réponse ci-dessus, cette question ne s'applique pas : nous l'avons laissée vide.
questionnaire-score-range = Le score est le décompte propre au questionnaire, de { $min } à { $max }.

questionnaire-invite-text = Une minute, si vous en avez envie : quelques questions sur la façon dont les choses se passent. Vos réponses s'affichent dans vos progrès, et votre kinésithérapeute les voit si vous partagez.
questionnaire-invite-answer = Répondre aux questions
questionnaire-invite-not-now = Pas maintenant

questionnaire-scores-intro = Vos réponses au fil du temps, telles que vous les avez données.
questionnaire-scores-intro-portal = Ses réponses au fil du temps, telles qu'elle les a données. La classe est celle de l'instrument lui-même.
questionnaire-col-date = Date
questionnaire-col-answers = Réponses
questionnaire-col-score = Score
questionnaire-col-band = Classe
questionnaire-list-col-sandvik = Sandvik (dernier)
questionnaire-list-none = pas rempli
