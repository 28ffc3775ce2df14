# Hangmat — English. Address the mother as "you"; short, warm, plain sentences.

## Frame
skip-to-content = Skip to the content
language-switch = Language
nav-label = Main menu
nav-today = Today
nav-session = Exercise
nav-progress = Progress
nav-settings = Settings
manifest-description = Your pelvic floor programme after the birth, with short guided sessions.

## Dates
# A label and its value, as each language writes them (French: a space before the colon).
label-value = { $label }: { $value }
date-day-month = { $day } { $month }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun

## Welcome
welcome-title = Welcome to Hangmat
welcome-intro = Hangmat guides you through the pelvic floor exercises your hospital recommends after giving birth.
welcome-point-sessions = Three short guided sessions a day, with a count to follow.
welcome-point-private = No name or e-mail needed. What you record stays on the hospital's server.
welcome-point-offline = Works without a connection once you have opened it.
welcome-language = Your language
welcome-start-title = When was your baby born?
welcome-start-button = Start
welcome-have-code = I already use Hangmat and have a recovery code
field-birth-date = Date of birth of your baby
field-birth-date-hint = We use it to show what suits this stage after the birth.
error-birth-date-missing = Please fill in your baby's date of birth.
error-birth-date-invalid = This is not a date we can read. Please pick it from the calendar.
error-birth-date-future = This date lies in the future. Please check the day you gave birth.
error-birth-date-too-old = Hangmat is made for the first year after the birth. This date lies more than a year ago.

## Recovery code
code-title = Your recovery code
code-intro = With this code you can pick up where you left off on another phone or after clearing your browser.
code-copy = Copy
code-copied = Copied
code-download = Save as a file
code-once = You see this code only once. Keep it somewhere safe, like a note on your phone.
code-continue = Continue
offer-reminders-title = When shall we remind you?
offer-reminders-text = Three short moments a day, tied to something you already do:
offer-reminders-change = You can change the moments and times at any time in Settings, Reminders.
offer-reminders-yes = Yes, remind me at these moments
offer-push-unsupported = This browser cannot show notifications. In Settings, Reminders you will find a calendar link: your phone's calendar will remind you.
offer-push-denied = Notifications are blocked in this browser. You can allow them later, or make a calendar link in Settings, Reminders.
offer-push-not-offered = This service sends no notifications. In Settings, Reminders you will find a calendar link: your phone's calendar will remind you.
home-screen-title = Hangmat on your home screen
home-screen-ios = In Safari, tap Share at the bottom (the square with the arrow), then "Add to Home Screen". You will open Hangmat with one tap, and on an iPhone it is the only way Hangmat can remind you.
home-screen-android = Tap your browser's menu at the top right (the three dots), then "Install app" or "Add to Home screen". You will open Hangmat with one tap.
home-screen-install = Put it on my home screen
home-screen-dismiss = No, thank you
code-file-name = hangmat-recovery-code.txt
code-file-text = Hangmat recovery code: { $code }
restore-title = Continue on this phone
restore-intro = Type the recovery code you saved when you started.
field-recovery-code = Recovery code
restore-button = Continue
restore-back = Back to the start
error-code-missing = Please type your recovery code.
error-code-unknown = We do not know this code. Check each character; dashes and capitals do not matter.

## Today
today-title = Today
today-day = Day { $day } after the birth
today-week = { $week ->
    [one] First week
   *[other] Week { $week }
}
outbox-pending = Waiting to be sent when you are back online:
today-rest-title = Rest and get to know your pelvic floor
today-rest-start = { $days ->
    [one] The exercises start tomorrow.
   *[other] The exercises start in { $days } days.
}
today-rest-why = Your body has just done hard work. The first days are for rest, so the tissues can start to heal before you train them.
today-rest-find = You can already feel where the muscles are: gently close and draw in, as if you hold back wind and urine, then let go.
today-sessions-title = Your exercises today
today-sessions-begun = { $count ->
    [one] (1 begun)
   *[other] ({ $count } begun)
}
today-sessions-done = { $planned ->
    [one] { $done } of { $planned } session done
   *[other] { $done } of { $planned } sessions done
}
today-target = Contractions today, aiming for about { $target }
today-target-reached = You reached today's number. Well done.
today-start-session = Start a session
today-coordination-title = Squeeze before you strain
today-coordination-text = Tighten your pelvic floor just before you cough, sneeze, laugh or lift something, such as your baby. Tap the button each time you do.
today-coordination-done = I did it
today-coordination-count = Times today:
today-coordination-thanks = Counted. Nice.
moment-cough = coughing
moment-sneeze = sneezing
moment-laugh = laughing
moment-lift = lifting
moment-lift_baby = lifting your baby
today-recovery-title = Take it easy in the first weeks
today-recovery-lifting = Lift and carry as little as you can.
today-recovery-roll = Roll onto your side first to get up or lie down; that spares your belly muscles.
today-recovery-alternate = Switch between being up and about and lying down, several times a day.
today-physio-soon = { $days ->
    [one] Postnatal physiotherapy can start tomorrow.
   *[other] Postnatal physiotherapy can start in { $days } days. Ask your GP or specialist for a prescription in time.
}
today-physio-title = Time for postnatal physiotherapy
today-physio-sessions = { $sessions ->
    [one] From now on you can follow { $sessions } individual session with a physiotherapist trained in the pelvic floor.
   *[other] From now on you can follow { $sessions } individual sessions with a physiotherapist trained in the pelvic floor.
}
today-physio-prescription = You first need a prescription from your GP or specialist. Then you can book.
contacts-book = Where to book
contacts-elsewhere = Closer to home
contacts-questions = Questions? Call the physiotherapists:

## Session
session-title = Guided session
session-back-today = Back to today
session-part-strength = { $reps } short squeezes of { $counts } counts, each followed by { $relax } counts of letting go.
session-part-endurance = Then { $reps } holds of { $counts } counts, each followed by { $relax } counts of rest.
session-part-fast = Then { $reps } quick squeezes of { $counts ->
    [one] one count
   *[other] { $counts } counts
}, with { $relax } counts between them.
session-duration = { $minutes ->
    [one] About { $minutes } minute.
   *[other] About { $minutes } minutes.
}
session-hold-yours = Your hold: { $counts } counts.
session-hold-change = Change
session-position-title = Choose a position
session-position-suggested = next in turn
session-check-yourself = Keep your pelvis still and your belly and buttocks relaxed. Only the muscles inside move.
session-start = Start
session-log-title = Done without the app?
session-log-intro = Record a session you did on your own.
session-log-reps-strength = Squeezes done (of { $reps })
session-log-reps-endurance = Holds done (of { $reps })
session-log-reps-fast = Quick squeezes done (of { $reps })
session-log-save = Save this session
error-reps-range = Please give a number from 0 to { $reps }.
error-session-invalid = We could not save this session. Please check the numbers.
position-back = On your back, knees bent
position-side = On your side
position-sitting = Sitting
position-standing = Standing
position-kneeling = On hands and knees
exercise-strength = Strength
exercise-endurance = Endurance
exercise-fast = Quick squeezes
phase-get_ready = Get ready
phase-contract-strength = Squeeze and lift
phase-relax-strength = Let go
phase-contract-endurance = Hold
phase-relax-endurance = Rest
phase-contract-fast = Squeeze
phase-relax-fast = Let go
caution-find_muscles = Close and draw in, as if you hold back wind and urine.
caution-pelvis_still = Your pelvis stays still.
caution-belly_buttocks_loose = Belly and buttocks stay relaxed.
caution-keep_breathing = Keep breathing calmly; do not hold your breath.
caution-relax_fully = Let go completely before the next one.
caution-no_pushing = Never push or bear down.
player-rep = { $rep } of { $reps }
player-pause = Pause
player-resume = Resume
player-stop = Stop
player-done = Done. Well done.
player-stopped = You stopped partway. What you did counts.
player-did-strength = { $count ->
    [one] 1 short squeeze
   *[other] { $count } short squeezes
}
player-did-endurance = { $count ->
    [one] 1 hold of { $hold } counts
   *[other] { $count } holds of { $hold } counts
}
player-did-fast = { $count ->
    [one] 1 quick squeeze
   *[other] { $count } quick squeezes
}
player-warm = Every squeeze helps your pelvic floor recover. Take a moment to rest.
player-today = Today: { $done } of { $target } contractions.
player-paused = Paused
player-how-did-it-go = How did it go?
player-rating-easy = Easy
player-rating-fine = Fine
player-rating-hard = Hard
player-held-every-count = I held every count
player-save = Save
player-skip = Skip
player-saved = Saved
player-saved-offline = Saved on your phone. It will be sent as soon as you are online.
player-back = Back to today
player-sound = Sound
player-speech = Count aloud

## Progress
progress-title = Your progress
progress-intro = Every contraction counts. A quiet day is just a day.
progress-calendar-title = The last four weeks
progress-calendar-hint = Days with about { $target } contractions are filled in.
progress-legend-reached = number reached
progress-legend-some = some exercise
progress-legend-not-yet = not yet: before you could begin
progress-days-reached = { $days ->
    [one] { $days } day reached the number.
   *[other] { $days } days reached the number.
}
progress-contractions = { $count ->
    [one] { $count } contraction
   *[other] { $count } contractions
}
progress-per-day-title = Contractions per day
progress-col-date = Date
progress-col-sessions = Sessions
progress-col-coordination = Before a strain
progress-col-contractions = Contractions
progress-hold-title = Your hold over time
progress-col-hold = Hold (counts)
progress-col-set-by = Set by
progress-set-by-you = you
progress-set-by-physio = your physiotherapist
progress-set-by-programme = the programme

## Settings
settings-title = Settings
settings-saved = Saved.
settings-about-you = Language and birth date
field-language = Language
settings-time-zone = Your times follow the clock of { $zone }.
zone-place-Europe-Brussels = Brussels
zone-place-Europe-Paris = Paris
zone-place-Europe-Luxembourg = Luxembourg
zone-place-Europe-London = London
zone-place-Europe-Amsterdam = Amsterdam
settings-save = Save
settings-hold-title = Your hold
settings-hold-range = The programme asks for holds of { $min } to { $max } counts. You now hold { $current } counts.
field-hold = Hold (counts)
settings-hold-hint = Choose a hold you can keep up while breathing calmly. Hangmat never changes it by itself.
settings-hold-by-physio = Your physiotherapist set your current hold.
settings-hold-save = Save hold
error-hold-range = Please choose a whole number from { $min } to { $max }.
settings-code-title = Recovery code
settings-code-text = Your recovery code brings your data to another phone. We do not keep it in readable form, so we cannot show it again. Lost it? Make a new one: the old code then stops working.
settings-code-new = Make a new recovery code
settings-erase-title = Erase all my data
settings-erase-text = This removes your profile and everything you recorded, for good. It cannot be undone.
settings-erase-confirm = Yes, erase everything
settings-erase-button = Erase my data
error-erase-confirm = Tick the box to confirm first.
erased-title = Your data is erased
erased-text = Nothing of what you recorded is left on the server. This phone has forgotten you too.
erased-start-again = Start again

## Offline and errors
offline-title = You are offline
offline-text = This page has not been saved on your phone yet. Pages you opened before still work.
offline-retry = Try again
error-back-home = Go to the start
error-request-id = If you contact the help desk, quote this reference: { $id }
error-not-found = Page not found
error-not-found-text = This page does not exist (any more).
error-cross-site = Request refused
error-cross-site-text = This request came from another website, so we did not carry it out.
error-conflict = Already in use
error-conflict-text = This record already exists. Please try again.
error-unavailable = Temporarily unavailable
error-unavailable-text = We cannot reach the database right now. Nothing you saved is lost. Please try again in a moment.
problem-invalid-input = Some data is not valid.
problem-malformed-request = The request could not be read.
problem-not-signed-in = This device has no profile.
problem-id-taken = This id is already in use.
problem-unavailable = Temporarily unavailable.
problem-account-disabled = This account is disabled.
problem-push-service-refused = Notifications cannot be sent through this push service.
problem-internal = Something went wrong on our side.
problem-not-found = There is nothing at this address.
problem-method-not-allowed = This address does not take this kind of request.
problem-too-large = This is too large to send.
problem-timeout = This took too long. Please try again.
problem-forbidden = This is not allowed.

## Learn
nav-learn = Learn
footer-warning-signs = Warning signs after the birth
topbar-help = Need help?
help-call-emergency = Call { $number }
help-not-urgent = Not an emergency, but worried? Call:
learn-title = Learn
learn-intro = Short pages about your pelvic floor, to read whenever it suits you.
learn-pager = More pages
learn-start-session = Start a guided session

## Listen mode: the session as one audio track, to follow by ear with the screen locked
listen-start = Listen
listen-hint = Listen: tones and words guide you, even with the screen locked or your eyes closed.
listen-preparing = Getting your session ready…
listen-failed = Listening does not work on this phone. Your session runs with picture and sound.
listen-media-title = Session
listen-playing = You can lock your screen. You can also pause from the lock screen.

## Reminders
reminders-title = Reminders
reminders-intro = Tie your exercises to moments you already have in your day. We remind you then, and stay quiet once you have done them.
reminders-settings-link-text = Your moments, quiet hours, notifications and calendar.
reminders-settings-link = Set your reminders
reminders-saved = Your reminders are saved.
reminders-snoozed = We will remind you again soon.
reminders-push-title = Notifications
reminders-push-unsupported = This browser cannot show notifications from Hangmat. Use the calendar link below: your phone's calendar can remind you instead.
reminders-push-denied = Notifications are blocked for Hangmat in this browser. You can allow them in the browser's settings, or use the calendar link below.
reminders-push-off = Notifications are off on this phone.
reminders-push-on = Notifications are on for this phone.
reminders-push-failed = That did not work. Please try again in a moment.
reminders-push-turn-on = Turn on notifications
reminders-push-turn-off = Turn off notifications
reminders-push-not-offered = This service does not send notifications. Use the calendar link below: your phone's calendar can remind you instead.
reminders-push-devices = { $count ->
    [one] Reminders go to one phone or browser.
   *[other] Reminders go to { $count } phones or browsers.
}
reminders-push-discreet = Notifications only say "Hangmat" and an everyday invitation: nothing personal shows on your lock screen.
reminders-moments-title = Your moments
reminders-moments-hint = Each moment invites the next exercise session of your day. Pick "No moment" to remove one.
reminders-moment-label = Moment { $number }
reminders-field-habit = When
reminders-field-own-words = In your own words (if you chose that)
reminders-field-time = Time
reminders-quiet-title = Quiet hours
reminders-quiet-hint = Nothing rings between these times.
reminders-quiet-from = From
reminders-quiet-until = Until
reminders-prescription-title = Prescription for physiotherapy
reminders-field-prescription = Date on your prescription (if you have one)
reminders-prescription-deadline = Start your sessions by { $date }. We will remind you a week before.
reminders-save = Save reminders
reminders-snooze-title = Not now?
reminders-snooze-hint = We remind you again a little later.
reminders-snooze-minutes = In { $minutes } minutes
reminders-milestones-title = Coming up
reminders-calendar-title = Calendar
reminders-calendar-text = Add your moments and the next steps to your phone's own calendar with a private link.
reminders-calendar-once = Keep this link to yourself. We show it only now.
reminders-calendar-make = Make a calendar link
reminders-calendar-reset = Make a new calendar link
reminders-calendar-reset-hint = The old link stops working.
reminders-habit-none = No moment
reminders-habit-brushing-teeth = After brushing my teeth
reminders-habit-feeding = While feeding
reminders-habit-watching-tv = While watching TV
reminders-habit-in-the-car = In the car
reminders-habit-at-my-desk = At my desk
reminders-habit-own-words = In my own words
reminders-milestone-exercises-start = You can start your exercises.
reminders-milestone-ask-prescription = Ask your GP or specialist for a prescription for postnatal physiotherapy.
reminders-milestone-book-sessions = Book your physiotherapy sessions.
reminders-milestone-prescription-expires = Your prescription expires in a week: start your sessions.
reminders-error-habit = Choose when this moment is.
reminders-error-time = Enter a time, for example 08:30.
reminders-error-prescription = Enter the date on your prescription (not in the future).
reminders-error-own-words = Write your moment in your own words.
reminders-error-own-words-long = Keep your own words to 60 characters.
reminders-error-form = Some fields need a look. Nothing was changed.
reminders-error-snooze = Choose 15 or 30 minutes.
reminders-push-moment = { $habit }: a few minutes for yourself?
reminders-push-moment-plain = A few minutes for yourself?
reminders-push-snooze = Here is your moment again.
reminders-push-milestone-exercises-start = Something new is waiting for you in Hangmat.
reminders-push-milestone-ask-prescription = A next step is waiting for you in Hangmat.
reminders-push-milestone-book-sessions = A next step is waiting for you in Hangmat.
reminders-push-milestone-prescription-expires = A date is coming up. Have a look in Hangmat.
reminders-action-open = Start
reminders-action-snooze = Later
reminders-calendar-moment = Hangmat: { $habit }
reminders-calendar-moment-plain = Hangmat: your moment
reminders-calendar-moment-description = A few minutes for yourself. Open Hangmat to start.
reminders-calendar-exercises-start = Hangmat: you can start
reminders-calendar-ask-prescription = Hangmat: ask for your prescription
reminders-calendar-book-sessions = Hangmat: book your sessions
reminders-calendar-prescription-expires = Hangmat: your prescription expires in a week
## Staff, portal, sharing (issue 5, access)
error-form-expired = This form has expired
error-form-expired-text = Reload the page and try again. Nothing was changed.
error-forbidden = This page is not for your account
error-forbidden-text = Sign in with an account that may open it.
error-too-large = This is too large
error-too-large-text = What you sent is larger than any form here. Nothing was changed.
error-bad-form = This form could not be read
error-bad-form-text = Go back, reload the page and fill it in again. Nothing was changed.
error-timeout = This took too long
error-timeout-text = The connection was too slow. Please try again. Nothing was changed.
portal-login-title = Sign in to the portal
portal-joined-notice = Your account is ready. Sign in now with your username, your password and the code from your authenticator app.
portal-reset-notice = Your new password and authenticator are saved. Sign in now.
portal-login-intro = For physiotherapists and administrators of this service.
portal-field-username = Username
portal-field-password = Password
portal-field-code = Code from your authenticator app
portal-login-button = Continue
portal-login-wrong = This username and password do not match. Please try again.
portal-too-many-attempts = Too many attempts. Please wait { $minutes } minutes and try again.
portal-code-title = Enter your code
portal-code-intro = Open your authenticator app and type the six digits it shows for Hangmat.
portal-code-button = Sign in
portal-code-back = Start again
portal-code-wrong = This code does not match. Codes change every 30 seconds: type the one shown now.
portal-logout = Sign out
portal-join-title = Create your portal account
portal-join-intro = You were invited as { $name }. Choose a username and a password, then link an authenticator app.
portal-join-password-hint = At least { $min } characters. A sentence you remember works well.
portal-join-password-short = The password needs at least { $min } characters.
portal-join-username-invalid = Use 3 to 64 letters, digits, dots, dashes or @.
portal-join-username-taken = This username is taken. Please choose another.
portal-join-totp-title = Second step: authenticator app
portal-join-totp-text = Scan this code with an authenticator app on your phone, then type the six digits it shows.
portal-join-totp-manual = Cannot scan? Enter this key by hand:
portal-join-qr-label = QR code for your authenticator app
portal-join-button = Create account
portal-mothers-title = My mothers
portal-link-title = Link with a mother
portal-link-intro = Ask her for the code from "Sharing" in her app. It works once, for 24 hours.
portal-link-code = Her code
portal-link-label = Your label for her
portal-link-label-hint = A file number or initials. Only you see it.
portal-link-label-missing = Please give a label, so you can find her in your list.
portal-link-code-unknown = This code does not work. It may be mistyped, used or older than 24 hours. Ask her for a new one.
portal-link-button = Link
portal-list-count = { $count ->
    [one] One mother
   *[other] { $count } mothers
}
portal-filter-label = Show
portal-filter-all = All
portal-flag-inactive = No activity for 3 days
portal-flag-hard = Rated hard repeatedly
portal-flag-physio = Physiotherapy to start
portal-sort-attention = Those who need a look first
portal-group-attention = { $count ->
    [one] Needs a look: 1 mother
   *[other] Need a look: { $count } mothers
}
portal-group-others = The others
portal-list-range = { $count ->
    [0] No mothers for this choice.
   *[other] { $first }–{ $last } of { $count }
}
portal-pages-label = Pages
portal-page-number = Page { $number }
portal-flags-note = These flags only sort the list. They are not advice.
portal-col-label = Label
portal-col-day = Day after birth
portal-col-sessions = Sessions a day, last 7 days (target { $target })
portal-col-contractions = Contractions a day, last 7 days (target { $target })
portal-own-target = (her target { $target })
portal-col-hold = Hold (counts)
portal-col-ratings = Ratings, last 7 days
portal-col-activity = Last activity
portal-col-physio-sessions = Physiotherapy sessions
portal-ratings-line = easy { $easy } · fine { $fine } · hard { $hard }
portal-days-ago = { $days ->
    [0] today
    [one] 1 day ago
   *[other] { $days } days ago
}
portal-back-to-list = Back to my mothers
portal-mother-title = One mother
portal-mother-day = Day { $day } after the birth
portal-adherence-title = Contractions a day (target { $target })
portal-col-date = Date
portal-col-day-sessions = Sessions
portal-col-day-contractions = Contractions
portal-col-taps = Coordination taps
portal-hold-title = Hold over time
portal-col-set-by = Set by
portal-set-by-mother = her
portal-set-by-physio = physiotherapist
portal-set-by-programme = programme start
portal-outcomes-title = Her sessions, last 4 weeks
portal-outcomes-none = No sessions recorded in the last 4 weeks.
portal-col-position = Position
portal-col-completed = Complete
portal-col-rating = Her rating
portal-rating-easy = easy
portal-rating-fine = fine
portal-rating-hard = hard
portal-yes = yes
portal-no = no
portal-end-title = End this link
portal-end-text = You will no longer see her data. She can link again with a new code.
portal-end-button = End link
staff-title = Staff accounts
staff-invite-title = Invite a colleague
staff-field-name = Name
staff-field-role = Role
staff-role-admin = Administrator
staff-role-physiotherapist = Physiotherapist
staff-invite-button = Make an invitation link
staff-invite-name-missing = Please give the colleague's name.
staff-invitation-made = Invitation link
staff-invitation-text = Give this link to your colleague yourself. It works once, for 7 days, and is shown only now.
staff-list-title = Accounts
sharing-title = Sharing with your physiotherapist
sharing-intro = You decide who sees your exercises. Nobody sees them without a code from you.
sharing-code-title = Make a code
sharing-code-text = Give the code to your physiotherapist. It works once, for 24 hours.
sharing-code-button = Make a code
sharing-code-made = Your code
sharing-code-until = Valid until { $until }.
sharing-code-qr-label = QR code with your sharing code
sharing-links-title = Who can see your data
sharing-links-none = Nobody. Your data stays with you.
sharing-link-since = since { $when }
sharing-link-ended = ended { $when }
sharing-link-end = Stop sharing with { $name }
advice-title = From your physiotherapist
sharing-audit-title = Who looked at your data
sharing-audit-none = Nobody has looked at your data.
sharing-audit-when = When
sharing-audit-who = Who
sharing-audit-what = What
sharing-audit-times = { $count ->
    [one] { $what }
   *[other] { $what }, { $count } times
}
sharing-audit-read = viewed your exercises
sharing-audit-change-own = changed your records
sharing-audit-change-programme = changed your programme
sharing-audit-record-session = recorded a physiotherapy session
sharing-audit-manage-sharing = changed sharing
sharing-audit-end-link = ended the link
sharing-audit-export = exported your data
sharing-audit-erase = erased your data
sharing-audit-link = linked with your code
sharing-audit-manage-staff = managed accounts
sharing-export-title = Download your data
sharing-export-text = Everything Hangmat keeps about you, in one file (JSON).
sharing-export-button = Download my data
sharing-back = Back to settings
sharing-open = Sharing and who looked
## Her care: the programme her physiotherapist sets, and the physiotherapy sessions
care-changes-title = From your physiotherapist
care-change = Your physiotherapist { $name } changed { $what } from { $old } to { $new } on { $date }.
care-change-added = Your physiotherapist { $name } added { $what } to your sessions on { $date }.
care-change-removed = Your physiotherapist { $name } took { $what } out of your sessions on { $date }.
care-kind-strength = the short squeezes
care-kind-endurance = the holds
care-kind-fast = quick squeezes
care-field-hold = the hold
care-field-sets-per-day = the sessions a day
care-field-positions = the positions
care-field-reps-strength = the number of short squeezes
care-field-reps-endurance = the number of holds
care-field-reps-fast = the number of quick squeezes
care-field-contract-strength = the length of a short squeeze
care-field-contract-fast = the length of a quick squeeze
care-field-relax-strength = the letting go after a short squeeze
care-field-relax-endurance = the rest after a hold
care-field-relax-fast = the letting go after a quick squeeze
care-value-counts = { $counts ->
    [one] 1 count
   *[other] { $counts } counts
}
care-value-yes = yes
care-value-no = no
care-portal-programme-title = Programme
care-portal-programme-intro = Set what differs for her. Every change is recorded with your name and the time, and she sees it from her next session.
care-portal-programme-general = Her programme as a whole
care-portal-programme-file = Programme file: { $value }
care-portal-programme-save = Save the programme
care-portal-programme-saved = { $count ->
    [0] Nothing changed.
    [one] One change saved.
   *[other] { $count } changes saved.
}
care-editor-hold = Endurance hold (counts)
care-editor-sets-per-day = Sessions per day
care-editor-positions = Starting positions
care-editor-included = Part of her sessions
care-editor-reps = Repetitions per session
care-editor-contract = Contraction time (counts)
care-editor-relax = Rest after each repetition (counts)
care-editor-file-hold = Programme file: starts at { $start } counts; she chooses between { $min } and { $max } counts herself.
care-editor-counts-note = Times are in counts; one count lasts { $seconds } s in this programme.
care-editor-changed-meanwhile = Someone else changed her programme while you were filling in this form. Nothing was saved. What you typed is still in the form; check the history below and save again if it still holds.
care-position-back = Crook lying (on her back, knees bent)
care-position-side = Side lying
care-position-sitting = Sitting
care-position-standing = Standing
care-position-kneeling = Four-point kneeling
care-portal-history-title = Changes
care-portal-history-empty = No changes yet: she follows the programme file.
care-portal-history-when = When
care-portal-history-who = By
care-portal-history-what = What
care-portal-history-old = Before
care-portal-history-new = After
care-portal-sessions-title = Physiotherapy sessions
care-portal-sessions-count = { $done } of { $total } sessions recorded
care-portal-sessions-empty = No sessions recorded yet.
care-portal-session-new = Record a session
care-portal-session-number = Session
care-portal-session-date = Date
care-portal-session-contraction = Contraction
care-contraction-correct = Correct
care-portal-contraction-not-assessed = Not assessed
care-portal-contraction-faults = With faults
care-fault-strains = strains (bears down)
care-fault-holds_breath = holds her breath
care-fault-co_contracts = co-contracts (belly, buttocks or thighs)
care-portal-can-relax = Relaxes fully
care-portal-knack = Knack on a cough
care-portal-answer-unknown = Not assessed
care-portal-oxford = Modified Oxford grade
care-oxford-0 = none
care-oxford-1 = flicker
care-oxford-2 = weak
care-oxford-3 = moderate, with lift
care-oxford-4 = good
care-oxford-5 = strong
care-portal-perfect-title = PERFECT scheme
care-portal-perfect-p = P (power) is the Oxford grade above.
care-portal-perfect-e = E: endurance, seconds held (0-10)
care-portal-perfect-r = R: repetitions of that hold (0-10)
care-portal-perfect-f = F: fast one-second contractions (0-10)
care-portal-pain = Pain (0-10)
care-portal-notes = Notes
care-portal-home-programme = Home programme given
care-portal-session-save = Save the session
care-portal-session-saved = Session { $number } saved.
care-portal-session-correct = Correct session { $number }
care-portal-recorded-by = Recorded by
care-portal-summary-link = Printable summary
care-portal-summary-title = Summary for the medical record
care-portal-summary-print = Print
care-portal-summary-programme = Programme
care-portal-summary-hold = Current hold: { $counts } counts
care-portal-summary-adherence = { $days ->
    [0] Adherence: the exercises only begin on the day the programme names
    [one] Adherence, the first exercise day
   *[other] Adherence, the last { $days } exercise days
}
care-portal-summary-days-reached = Days the daily target was reached: { $reached } of { $days }
care-portal-summary-sessions = Guided sessions: { $sessions }; contractions: { $contractions } (target { $target } a day)
care-portal-summary-assessments = Physiotherapy sessions
care-portal-summary-footer = Printed on { $date } from Hangmat. The values are as recorded; Hangmat draws no conclusions from them.
care-portal-nav = Her care
care-portal-sessions-done = Sessions done
care-error-number = Type a whole number.
care-error-range = Between { $min } and { $max }.
care-error-positions = Choose at least one position.
care-error-exercises = Keep at least one exercise in her sessions.
care-error-session-number = Choose a session from 1 to { $max }.
care-error-date = Type a date (year-month-day).
care-error-date-future = This date has not come yet.
care-error-faults = Tick at least one fault, or choose "Correct".
care-error-choice = Choose one of the offered answers.
care-error-too-long = This text is too long (4000 characters at most).
portal-passkey-login-title = Or sign in with a passkey
portal-passkey-login-text = Type your username above, then use your phone, fingerprint or security key.
portal-passkey-login-button = Sign in with a passkey
portal-passkey-failed = That did not work. Please try again, or sign in with your password and code.
portal-passkey-add-title = Add a passkey
portal-passkey-add-text = Sign in next time with your fingerprint, face or a security key, without password or code.
portal-passkey-add-button = Add a passkey
portal-passkey-added = Passkey added. You can use it at your next sign-in.

# The mother's passkey (issue 5)
mother-passkey-title = Passkeys
mother-passkey-text = A passkey lets you get your profile back on a new phone with your fingerprint, face or screen lock. Your recovery code keeps working too.
mother-passkey-unsupported = This browser cannot use passkeys. Your recovery code still works.
mother-passkey-add-button = Add a passkey
mother-passkey-add-failed = The passkey was not added. You can try again.
mother-passkey-none = You have no passkey yet.
mother-passkey-added-on = Passkey added on { $when }
mother-passkey-used-on = last used on { $when }
mother-passkey-remove = Remove the passkey added on { $when }
mother-passkey-restore-title = Restore with a passkey
mother-passkey-restore-text = Did you add a passkey before? Use it here, no code needed.
mother-passkey-restore-button = Restore with a passkey
mother-passkey-restore-failed = That did not work. You can try again, or type your recovery code.

# Staff accounts: her own account, passkey names, password change and reset, disabling (issue 5)
portal-account-title = My account
portal-account-intro = { $name } · username { $username }
portal-back-to-accounts = Back to staff accounts
portal-login-disabled = Your account is disabled. Ask an administrator of this service to enable it again.
portal-passkeys-title = Your passkeys
portal-passkeys-none = You have no passkey yet. You sign in with your password and a code.
portal-passkey-added-on = added { $when }
portal-passkey-used-on = last used { $when }
portal-passkey-never-used = not used yet
portal-passkey-remove = Remove { $name }
portal-passkey-removed = The passkey is removed.
portal-passkey-last = This passkey is your only way to sign in, so it stays. Add another passkey first, or ask an administrator for a password reset link.
portal-passkey-name = Name for this passkey
portal-passkey-name-hint = For example "Practice PC". Without a name, it is named after this device.
portal-passkey-default-name = Passkey on { $device }
portal-passkey-default-name-plain = Passkey
portal-password-title = Change your password
portal-field-current-password = Current password
portal-field-new-password = New password
portal-password-current-wrong = Your current password is not right. Please try again.
portal-password-button = Change password
portal-password-changed = Your password is changed. You are signed out everywhere else.
portal-reset-title = Choose a new password
portal-reset-intro = { $name } (username { $username }): choose a new password, then set up your authenticator app again. Your old password and codes stop working.
portal-reset-button = Save and sign in again
staff-col-status = Status
staff-col-last-sign-in = Last sign-in
staff-status-active = active
staff-status-disabled = disabled
staff-never-signed-in = never
staff-you = (you)
staff-reset-hint = Forgot the password or lost the phone with the authenticator app? A reset link lets them choose a new password and set up the app again.
staff-reset-button = Make a reset link for { $name }
staff-reset-made = Reset link for { $name }
staff-reset-text = Give this link to { $name } yourself. It works once, for 24 hours, and is shown only now. When it is used, every session of the account ends.
staff-reset-disabled = This account is disabled. Enable it first.
staff-disable-confirm = I understand that the account's links to mothers end for good, also if it is enabled again.
staff-disable-button = Disable { $name }
staff-disable-confirm-missing = Tick the box first: disabling ends the account's links to mothers.
staff-disable-self = You cannot disable your own account. Ask another administrator.
staff-disable-last-admin = This is the last active administrator. Invite or enable another administrator first.
staff-disabled-done = { $name } is disabled: signed out everywhere, and the links to mothers have ended.
staff-enable-hint = Enabling lets this person sign in again. Links to mothers do not come back: a mother links again with a new code.
staff-enable-button = Enable { $name } again
staff-enabled-done = { $name } can sign in again.
sharing-link-ended-by-hospital = ended by the hospital { $when }

## Leak log (Today, progress, the portal's page of her)
leak-title = A little leak?
leak-text = One tap notes it, only for you and, if you share, your physiotherapist. Over the weeks you see how it goes.
leak-button = I leaked a little
leak-noted = Noted. Thank you for keeping track.
leak-details-intro = If you like, add what you were doing and how much. You can also leave it as it is.
leak-activity-legend = What were you doing?
leak-activity-cough = Coughing
leak-activity-sneeze = Sneezing
leak-activity-laugh = Laughing
leak-activity-lift = Lifting
leak-activity-sport = Sport or exercise
leak-activity-on-the-way = On the way to the toilet
leak-activity-urge = A sudden urge
leak-activity-other = Something else
leak-amount-legend = How much?
leak-amount-drops = A few drops
leak-amount-little = A little
leak-amount-lot = A lot
leak-details-save = Save
leak-details-saved = Saved. Thank you.
leak-details-refused = Please choose from the options below. Nothing was changed.
leaks-per-week-title = Leaks per week
progress-leaks-intro = What you noted with "I leaked", beside your training. Every week is different.
portal-leaks-intro = What she noted with "I leaked" on her Today page. Noting is optional.
leaks-col-week = Week of
leaks-col-leaks = Leaks
