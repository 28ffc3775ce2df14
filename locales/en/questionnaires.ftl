## Questionnaires (issue 18): her page, the invitation on Today, her scores, the portal.

questionnaire-page-title = Questionnaire
questionnaire-intro = Choose the answer closest to how it is for you these days. There are no right or wrong answers.
questionnaire-optional = (optional)
questionnaire-refused = Some answers still need a look (see below). Nothing has been saved yet.
questionnaire-send = Save my answers
questionnaire-back = Back to today, without saving
questionnaire-conditional = Only if this question applies after your answer above.
questionnaire-skip-if = Leave this one if you chose “{ $answer }” above.
questionnaire-yes = Yes
questionnaire-no = No
questionnaire-error-missing = Choose an answer here.
questionnaire-error-not-an-option = Choose one of the answers shown.
questionnaire-error-not-a-number = Type a whole number.
questionnaire-error-too-small = The smallest number possible here is { $min }.
questionnaire-error-too-large = The largest number possible here is { $max }.
questionnaire-error-not-yes-or-no = Choose yes or no.
questionnaire-error-not-enabled = This question does not apply after your answer above, so we left it empty.
questionnaire-score-range = The score is the questionnaire's own count of your answers, from { $min } to { $max }.

questionnaire-invite-text = A minute, if you feel like it: a few questions on how things are going. Your answers show on your progress, and your physiotherapist sees them if you share.
questionnaire-invite-answer = Answer the questions
questionnaire-invite-not-now = Not now

questionnaire-scores-intro = Your answers over time, as you gave them.
questionnaire-scores-intro-portal = Her answers over time, as she gave them. The band is the instrument's own.
questionnaire-col-date = Date
questionnaire-col-answers = Answers
questionnaire-col-score = Score
questionnaire-col-band = Band
questionnaire-list-col-sandvik = Sandvik (latest)
questionnaire-list-none = not answered
