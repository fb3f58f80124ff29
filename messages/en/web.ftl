# The pages of the web application: every word the browser shows (isomm-web).
# Keys are the fields of `Words` (crates/isomm-web/src/base/words.rs) with - for _; a list is
# numbered from 1. Checked by `every_page_word_is_in_every_language`.

lang = en
# Between the items of a list in a sentence (names, workspaces).
list-separator = {", "}
# A time in UTC, as the pages show it.
app-title = isomm — security operations maturity self-check
nav-home = Assessments
nav-catalog = Functions and roles
nav-new = New assessment
nav-import = Import a file
switch-label = Language
skip-to-roles = Skip to the first role
skip-link = Skip to content

## Home
home-heading = Assessments
home-intro = Measure the maturity of a SOC or CSIRT with ISOG-J's ISOMM self-check sheet.
home-empty = No assessments yet. Start a new one, or import an answers file.
col-organization = Organisation
col-title = Title
col-date = Date
col-patterns = Patterns (now → target)
col-respondents = Respondents
col-completion = Submitted
home-counted = The overall is computed from the submitted sheets only, the ones counted in "Submitted".
col-overall = Overall

## Workflow
steps-heading = How it works
steps-1 = Know the whole: the 9 functions and 54 roles of security operations
steps-2 = Decide which parts your own organisation handles
steps-3 = Find your organisation's current pattern
steps-4 = Decide the pattern you want to reach
steps-5 = Check how far you get within your current scope
steps-6 = Read the results and decide what to strengthen

## Catalog
catalog-heading = Functions and roles of a security operations team
catalog-intro = The 9 functions a security operations team should have and the 54 roles they carry (ISOG-J, textbook for SOC/CSIRT v2.1). Look at the whole before you check.
levels-heading = How to score
level = Level
insource = Insource (done in-house)
outsource = Outsource (by a provider)
patterns-heading = Organisation patterns
patterns-intro = Which of the four areas your organisation does itself gives four patterns. Shaded areas are done in-house.
areas-heading = Areas
default-area = Default area
in-house = Done in-house
outsourced = Outsourced
axis-outsource = Outsource
axis-insource = Insource

## Assessment form
new-heading = New assessment
edit-heading = Assessment settings
organization = Organisation
title = Title
date = Date
current-pattern = Current pattern
target-pattern = Target pattern
target-level = Target level
target-level-help = Improvement points are the roles whose expected side under the target pattern is below this level.
plan-settings = What the improvement plan shows
plan-settings-help = How many lines the plan of the reports and the results page shows, and the smallest gap to the target level it lists. The JSON result always holds every improvement point.
plan-size = Lines shown (1–500)
plan-min-gap = Leave out roles closer than this to the target level (0–5, one decimal at most)
areas-intro = The area of each role. The default assignment is an example: change it to fit your organisation.
role = Role
area = Area
save = Save
cancel = Cancel
form-has-errors = Please check the form.
err-organization = Enter the organisation's name.
err-date = Enter a real date as YYYY-MM-DD.
err-pattern = Choose a pattern.
err-target-level = Choose a target level from 1 to 5.
err-plan-size = Enter a whole number from 1 to 500.
err-plan-min-gap = Enter a number from 0 to 5 with one decimal at most (such as 0.5).
err-area = Choose an area from I to IV.
err-too-long = Too long (200 characters at most).
err-name-characters = Holds an invisible control character (a line break, a tab, or one that turns the text's direction to make a name read as another): remove it.

## Assessment page
edit = Edit settings
delete-assessment = Delete this assessment
respondents-heading = Respondents
respondents-intro = When people in different positions answer, differences in perception become visible. Each respondent has a check sheet of their own.
no-respondents = No respondents yet. Add one with the form below.
name = Name
position = Position
progress = Answered
open-sheet = Open check sheet
remove = Remove
## / At the top of every check sheet: who will see the answers (issue 22).
sheet-who-sees = Who sees these answers: the assessment's owners and assessors see each of your answers and notes under your name. The workspace's viewers see the results (your levels under your name included) but not your notes. Other respondents see only everyone's totals, when the results are shared with them, never your answers.
## / On every page that shows a link while isomm runs on this computer only (no --public-url).
links-local-only = This link opens on this computer only (isomm runs on 127.0.0.1). To send it to colleagues, start isomm at an address they can reach, for example: isomm serve --bind 0.0.0.0:8080 --public-url http://this-computer's-name-or-address:8080 — then make the link again.
## / The login page while no account exists yet.
setup-in-terminal = There is no account yet. The setup link that makes the first one (/setup/…) is shown in the terminal where isomm serve was started: open it there (if that terminal is gone, start isomm again and it shows a new link).
add-respondent = Add respondent
add-many = Add several
add-many-help = One person per line, as "name, position" (for example: Sato Ken, manager). Positions: manager, leader, staff, other (or their Japanese words). You can paste two columns from a spreadsheet. If any line is wrong, nobody is added.
add-many-button = Add them and make their links
roster-lines = Respondents
links-heading = Private links of the new respondents
links-intro = Send each link to its person alone. The links are shown only on this page.
## / Problems of a pasted list of respondents; $line is the line number.
roster-empty = There is no name. Write one person per line, as "name, position".
roster-too-many = At most { $max } lines can be added at once. Split the list.
roster-no-name = Line { $line }: no name. Write "name, position".
roster-name-too-long = Line { $line }: the name is too long (at most { $max } characters).
roster-name-character = Line { $line }: the name holds a character names cannot hold (a line break or a formatting control). Remove it.
roster-no-position = Line { $line }: no position. Add one after the name, as in ", staff".
roster-unknown-position = Line { $line }: the position "{ $given }" is not known. Use manager, leader, staff or other.
roster-duplicate = Line { $line }: the same name as line { $first }. Use another name.
roster-taken = Line { $line }: a respondent of this name is already there. Use another name.
err-name = Enter a name.
err-name-taken = A respondent with this name already exists. Choose another name.

## / The assessment has as many respondents as allowed, or no room left for text.
err-full = No more respondents can be added to this assessment (it has reached its bound on respondents or on text). Split it into another assessment.

## / A save that would take the assessment past its bound on text.
err-text-full = Not saved: the notes of this assessment have reached their bound on text. Shorten the notes.
home-older = Older assessments →
home-newest = ← Newest assessments

## / Shown beside an overall maturity that is being computed again after a change.
overall-updating = updating
err-position = Choose a position.
see-results = See the results
overall = Overall maturity

## Check sheet
sheet-heading = Check sheet
answered = Answered
advice-heading = How to check
not-answered = Not answered
note = Note
save-sheet = Save all
saved = Saved
saving = Saving…
save-failed = Not saved. Please choose again.
sheet-saved-banner = The check sheet was saved.
sheet-has-errors = Some values cannot be saved. Check the roles marked below.
err-level = Choose 0–5 or “Not answered”.
err-note-too-long = The note is too long (2,000 characters at most).
choose-level = Choose a level to see its definition here.
keys-hint = Point at a level, or open the level definitions below, to read a definition without choosing it. On a keyboard, keys 0–5 choose a level and u clears it (arrow keys save only the level they stop at). The n key goes to the role's note (empty notes are skipped by Tab).
only-unanswered = Show unanswered roles only
compact-view = Table view
level-table = Level definitions (0–5)
back-to-assessment = Back to the assessment
expected-side = Expected under the current pattern

## Results
results-heading = Results
series-heading = Add to the radar
series-respondents = By respondent
series-positions = By position
file-report = results
file-roles = maturity by role
file-radar = radar chart
file-result = result data
file-answers = answers
file-sheet = check sheet
file-sheet-blank = check sheet (blank)
downloads = Downloads
shared-heading = Combined results
shared-intro = The results of the submitted sheets together. No one's answers, names or notes are shown.
shared-positions = Maturity by position
shared-no-positions = Figures by position are shown only when every position has at least three submitted sheets.
shared-too-few = The combined results appear once at least three sheets are submitted.
shared-back = Back to my check sheet
see-shared = See the combined results
share-heading = Sharing results with respondents
share-is-on = Respondents who submitted see the combined results (totals only: no individual answers, names or notes) through their link, once everyone has submitted; figures by position only when every position has three people or more.
share-is-off = Respondents do not see the results. When shared, respondents who submitted see the combined results (totals only) through their link.
share-turn-on = Share the combined results with respondents
share-turn-off = Stop sharing
invited-heading = Invitation link
invited-intro = Send this link to the person you invite, and to nobody else. Through it they join this workspace: with the account they have (they log in first), or with one they make there, choosing a name and a password. Nobody joins without accepting. It works once, for 7 days
invited-once = The link is shown on this page only. If it is lost, invite the person again: a new link is made and the old one stops working.
invitation-heading = Invitation to a workspace
invitation-intro = Choose your name and a password: your account is made and you join this workspace
invitation-button = Make my account and join
invitation-have-account = Already have an account with this address? Log in first, then this page lets you join with it.
invitation-log-in = Log in and join
invitation-join-intro = You are logged in with the address this invitation is for. Join this workspace with your account?
invitation-join = Join the workspace
invitation-other-account = You are logged in as { $user }, but this invitation is for another address. Log out, then open this link again.
err-email-taken-log-in = An account with this address already exists: log in with it, then open this link again to join.
err-already-member = This person is already a member of this workspace: change their access in the list of members.
invitations-heading = Invited
invitation-expires = Expires
invitation-cancel = Cancel the invitation
nav-admin = Admin
admin-heading = Managing this instance
admin-intro = This instance's workspaces and accounts. An admin does not see the assessments of a workspace they are not a member of.
admin-workspaces = Workspaces
admin-accounts = Accounts
admin-owner-email = Owner's e-mail address
admin-add-workspace = Make the workspace and its owner
admin-workspace-help = Makes a new workspace. Someone with an account becomes its owner at once; someone without one gets an invitation link (it works once, for 7 days).
admin-badge = admin
admin-reset-help = To reset a forgotten password, run isomm user reset-password EMAIL on the server (it also ends that person's sessions).
audit-instance-intro = The instance's own record (logins, failed logins, accounts made, passwords changed or reset: what belongs to no workspace), newest first.
admin-audit-link = The instance's audit log
err-workspace-exists = A workspace of this name exists already. Choose another name (an existing workspace's members are managed by its owners on its members page).
shared-waiting = The combined results appear once everyone (three people or more) has submitted their sheet and at least two people besides you have answered, so that no one's answers can be read from them.
submitted-count = Submitted
counting-heading = Who is counted
counting-submitted = Only submitted sheets are counted.
counting-all = Sheets in progress are counted too.
counted = Respondents counted
left-out = Left out (not submitted)
include-in-progress = Include sheets in progress
submitted-only = Submitted sheets only
nothing-counted = No sheet can be counted yet. Results appear here once respondents submit (you can also include sheets in progress).

## Import
import-heading = Import an answers file
import-intro = Create an assessment from an isomm answers file (TOML or JSON, isomm-answers/1), a CSV file, or a filled-in check sheet (.xlsx).
file = File
csv-fields = Assessment settings for a CSV file (a CSV file carries answers only)
csv-fields-help = For a CSV file, the organisation (required), title, date, target level and both patterns come from these fields. TOML, JSON and check sheets (.xlsx) carry their own, and these fields are not used for them. An import is checked like the new-assessment form.
import-button = Import
err-no-file = Choose a file.
err-file-type = Choose a .toml, .json, .csv or .xlsx file.
err-file-utf8 = The file is not UTF-8 text.
offline-heading = Fill in offline, in Excel
offline-intro = Fill this check sheet in Excel or LibreOffice. Uploading the filled-in file here makes it this respondent's answers (every role is replaced).
download-filled = Sheet with the current answers (.xlsx)
download-blank = Blank sheet (.xlsx)
upload-sheet = Filled-in sheet
upload-button = Upload as the answers
err-sheet-type = Choose an isomm check sheet (.xlsx).
err-sheet-other-respondent = This sheet is { $sheet }’s, not { $page }’s. Change the respondent’s name on the sheet back to “{ $page }” and upload it again, or upload it on { $sheet }’s page.
answers-csv = Answers (CSV)
members-heading = Members
members-intro = The members of this workspace and their access: owners may do everything, assessors handle assessments, respondents, answers and results, viewers read results and reports only.
members-help = Adding an address makes an invitation link, whether the person has an account or not (it works once, for 7 days); they become a member when they accept it. isomm sends no e-mail: hand the link to the person yourself.
access = Access
access-owner = Owner
access-assessor = Assessor
access-viewer = Viewer
add-member = Add a member
err-last-owner = The last owner cannot be removed or given less access. Make someone else an owner first.
nav-members = Members
switch-workspace = Switch
audit-heading = Audit log
audit-intro = What was changed in this workspace, newest first. Lines are never changed or deleted.
audit-time = Time
## / $zone: the time zone the times are shown in (the workspace's, an IANA name).
audit-zone = Times are in { $zone }, the workspace's time zone (owners change it on the members page). The CSV gives each time in UTC and in this zone, with the offset.
audit-actor = Actor
audit-client = Client
audit-action = Action
audit-subject = Subject
audit-old = Before
audit-new = After
audit-exports = Downloads (every format)
audit-actor-help = A name or e-mail address, or part of one
audit-all-actions = Every action
audit-filter = Filter
audit-empty = No lines match.
audit-older = Older lines
nav-audit = Audit log
link-heading = Private link
link-intro = Send this link to the respondent alone. Whoever opens it answers this respondent's check sheet without an account (and sees no one else's answers, nor the results).
link-once = This link is shown only now. If it is lost, make a new one on the assessment's page (the old one then stops working).
copy = Copy
new-link = New link
revoke-link = Revoke the link
reopen-sheet = Reopen
mark-submitted = Mark submitted
mark-submitted-hint = Submit for the respondent, say for a sheet received on paper or as a file (it then counts in the results)
col-link = Link
col-status = Status
status-not-started = Not started
status-in-progress = In progress
status-submitted = Submitted
link-active = Active
link-none = None
submit-heading = Submit your answers
submit-intro = Once submitted, the assessor counts your answers in the results. To change them afterwards, ask the assessor to reopen your sheet.
submit-button = Submit
unanswered-left = Roles not answered yet
submitted-banner = Submitted. Thank you. To change your answers, ask the assessor to reopen your sheet.
err-submitted = This sheet has been submitted and cannot be changed. Ask the assessor to reopen it.
err-submitted-reopen = This sheet is submitted. To change it, reopen it first (you are asked to confirm, and it is in the audit log).
sheet-submitted-by = Submitted { $time }, { $by }.
sheet-submitted-at = Submitted { $time }.
sheet-link-gone = This link no longer works, and this was not saved. Ask the person running the assessment for a new link.
submitted-by-respondent = by the respondent
account-heading = Account
change-password = Change the password
current-password = Current password
password-again = New password again
password-changed = The password is changed. Your other sessions have ended.
err-current-password = The current password is wrong.
err-password-mismatch = The new passwords differ.
setup-heading = Create the first admin account
setup-intro = This isomm has no accounts yet. Create the admin account and the first workspace (the organisation that assesses itself). The link of this page works once.
your-name = Your name
workspace-name = Workspace name
workspace-help = The organisation that assesses itself (e.g. Example Corp SOC). Consultants can make one per client.
new-password = Password
password-help = At least 12 characters. A long phrase of unrelated words is hard to guess and easy to remember.
setup-button = Create and log in
err-email = Enter a valid e-mail address.
err-person-name = Enter your name (up to 200 characters, on one line, without control characters).
err-workspace-name = Enter the workspace's name (up to 200 characters, on one line, without control characters).
err-password-short = The password needs at least 12 characters.
err-password-long = The password may have at most 256 characters.
err-password-guessable = This password is easy to guess (a common word, a name, a keyboard pattern, your e-mail). Choose a longer phrase of unrelated words.
err-email-taken = An account with this e-mail address already exists.
login-heading = Log in
login-intro = Enter the e-mail address and password of your isomm account. Respondents: open the private link your assessor sent you.
email = E-mail address
password = Password
login-button = Log in
logout-button = Log out
login-failed = The e-mail address or the password is wrong.

# The audit log's actions, by their codes (audit.rs, ACTIONS).
audit-account-create = Account created
audit-account-password = Password changed
audit-answer-save = Answers saved
audit-answer-upload = Sheet uploaded
audit-assessment-adopt = Assessment adopted (made before accounts)
audit-assessment-create = Assessment created
audit-assessment-delete = Assessment deleted
audit-assessment-edit = Assessment edited
audit-assessment-import = Assessment imported
audit-assessment-share = Results sharing changed
audit-audit-prune = Audit log pruned (isomm audit prune)
audit-export-answers = Answers CSV downloaded
audit-export-audit = Audit log downloaded
audit-export-sheet = Respondent’s sheet downloaded
audit-invitation-accept = Invitation accepted
audit-invitation-cancel = Invitation cancelled
audit-invitation-create = Invitation made
audit-link-issue = Respondent link issued
audit-link-revoke = Respondent link revoked
audit-login = Logged in
audit-login-failed = Failed login
audit-logout = Logged out
audit-member-remove = Member removed
audit-member-set = Member added or access changed
audit-respondent-add = Respondent added
audit-respondent-remove = Respondent removed
audit-sheet-reopen = Sheet reopened
audit-sheet-submit = Sheet submitted
audit-workspace-create = Workspace created
audit-workspace-time-zone = Time zone changed
audit-export-report = Report ({ $format }) downloaded
## / Deadlines and the workspace's time zone (issue 22)
deadline = Deadline
deadline-help = Optional. Sheets are due by the end of this day ({ $zone }). It is shown on the sheets and in the messages to respondents.
err-deadline = Enter a real date as YYYY-MM-DD for the deadline.
deadline-on = by { $date } ({ $zone })
deadline-days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
deadline-today = due today
deadline-passed = the deadline has passed
late-heading = Past the deadline, not submitted
late-none = Everyone has submitted.
home-late = { $count } late
time-zone = Time zone
time-zone-help = Deadlines and the times of the audit log are shown in this time zone. Enter an IANA name such as Asia/Tokyo.
err-time-zone = This time zone is not known. Enter an IANA name such as Asia/Tokyo.
time-zone-saved = The time zone is saved.
## / The message to send with each private link (issue 22). isomm sends no e-mail: the assessor
## / copies it into their own mail or chat. $name: the respondent; $sender: the assessor.
message-intro = Each link comes with a message to send. Copy it into your own mail or chat to the person (isomm sends no e-mail).
message-label = Message to send
message-other = 日本語の文面
copy-link = Copy the link
copy-message = Copy the message
all-messages = Everyone's messages
all-messages-help = Copy them all at once, for a mail merge or one mail each.
copy-all = Copy all
message-greeting = Hello { $name },
message-ask = We are checking the maturity of { $organization }'s security operations (SOC/CSIRT) with ISOG-J's self-check sheet (ISOMM), and ask for your answers. For each of { $roles } roles you choose how far it is done in-house (insource) and by outside providers (outsource), from 0 to 5. It takes about { $low } to { $high } minutes. Your answers are saved as you go, so you can stop and come back.
message-ask-titled = We are checking the maturity of { $organization }'s security operations (SOC/CSIRT) with ISOG-J's self-check sheet (ISOMM) ({ $title }), and ask for your answers. For each of { $roles } roles you choose how far it is done in-house (insource) and by outside providers (outsource), from 0 to 5. It takes about { $low } to { $high } minutes. Your answers are saved as you go, so you can stop and come back.
message-deadline = Please submit by the end of { $date } ({ $zone }).
message-who-sees = { $sender } and the others running the check will see your answers and notes under your name (the workspace's viewers see the results under your name, without your notes). Other respondents see only everyone's totals, and only when they are shared. Answers as you see things are what show the team's real strengths and weaknesses.
message-link = Your own link to the sheet (please do not forward it):
message-sign = { $sender }
## / Confirmations of writes that lose something (issue 22); $name: the respondent, or the organisation of an assessment.
confirm-cancel = Cancel
confirm-new-link-heading = Make a new link for { $name }?
confirm-new-link = The current link stops working. The new one is shown once, on the next page: send it to the person again. The answers so far stay.
confirm-new-link-button = Make a new link
confirm-revoke-heading = Revoke the link of { $name }?
confirm-revoke = Nobody can answer through this link any more. The answers so far stay, and you can make a new link later.
confirm-revoke-button = Revoke the link
confirm-reopen-heading = Reopen the sheet of { $name }?
confirm-reopen = The sheet is no longer counted in the results, and the person can change their answers through their link again (so can assessors). Every change is in the audit log.
confirm-reopen-button = Reopen the sheet
confirm-remove-heading = Remove { $name } from the respondents?
confirm-remove = All of their answers and notes are deleted, and this cannot be undone. Their link stops working.
confirm-remove-button = Remove the respondent
confirm-delete-heading = Delete the assessment of { $name }?
confirm-delete = Every respondent, answer and note is deleted, and this cannot be undone.
confirm-delete-button = Delete the assessment
