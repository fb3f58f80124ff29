# Problems with what people give isomm: answers files (TOML, JSON, CSV), check sheets (.xlsx),
# model files and command-line options (isomm-core, problem.rs). Each message says what is wrong,
# what was expected and what to do; the place is put before it by the place-* and at-* messages.
# Arguments are shown as given; $why, $lacks, $token, $expected, $found_kind, $inside and $what pick
# the words.

## Places

place-text = line { $line }, column { $column }
place-line = line { $line }
place-csv = line { $line }, column “{ $column }”
place-cell = sheet “{ $sheet }”, cell { $cell }
at-place = { $place }: { $message }
at-field = { $field }: { $message }
at-place-field = { $place } ({ $field }): { $message }
in-file = { $file }: { $message }
more-problems = …and more problems: only the first { $shown } are shown. Fix these, then try again.

## Files

file-too-large = The file is { $size }; isomm reads files of at most { $max }. Split it, or remove what is not answers.
not-utf8 = The file is not UTF-8 text (byte { $byte } is not). Save it again as UTF-8 (for a CSV file from Excel: “CSV UTF-8”).
no-files = No answers file was given. Name at least one file.
empty-file = The file is empty. Choose the file with the answers, or start from a template (isomm template).

## Syntax

toml-syntax = This is not valid TOML here. Check the quotes, brackets and “=” at this place (a text needs quotes: name = "Sato").
json-syntax = This is not valid JSON here: { $token ->
        [end] the document should end here
        [comma-bracket] a “,” or “]” was expected
        [comma-brace] a “,” or “{"}"}” was expected
        [key] a key in double quotes was expected
        [colon] a “:” after the key was expected
       *[value] a value was expected (text in double quotes, a number, true, false, null, a list or an object)
    }. Check the quotes, commas and brackets at this place.
json-not-number = “{ $text }” is not a number. Write a number such as 3, or put text in double quotes.
json-unterminated = This text has no closing double quote. Add the " where the text ends.
json-bad-string = This text has a backslash that is not a JSON escape. Write \\ for a backslash, \" for a quote.
too-deep = The document nests lists and tables more than { $max } deep. An answers file needs three levels; check the brackets.
integer-out-of-range = This number is too large. A level is a whole number from 0 to 5.
duplicate-key = The key “{ $key }” appears twice in the same table. Keep one of them.

## The shape of a document

unknown-key = Unknown key “{ $key }”. Expected one of: { $allowed }. Check the spelling, or remove it.
missing-key = The key “{ $key }” is missing. Add it.
wrong-type = Expected { $expected ->
        [list] a list ([ … ])
        [string] a text in double quotes
        [integer] a whole number
       *[table] a table
    }, found { $found_kind ->
        [null] null
        [bool] { $found }
        [integer] the number { $found }
        [number] the number { $found }
        [string] the text “{ $found }”
        [date] the date { $found }
        [list] a list
        [empty] nothing
        [other] “{ $found }”
       *[table] a table
    }.

## Values

unsupported-format = The format “{ $found }” is not one isomm reads. Write format = "{ $format }", or start from a file made by isomm template.
other-model = This file is for the model “{ $found }”, but isomm has the model “{ $loaded }” loaded. Load the file's model with --model.
unknown-pattern = Unknown pattern “{ $found }”. Choose one of: { $allowed }.
no-pattern = No pattern is chosen. Choose one of: { $allowed }.
bad-date = “{ $found }” is not a date. Write it as YYYY-MM-DD, such as 2026-11-27.
bad-target-level = “{ $found }” is not a target level. Write a whole number from 1 to 5.
bad-level = Expected a level: a whole number from 0 to 5, or nothing for “not answered”; found { $found_kind ->
        [null] null
        [bool] { $found }
        [integer] the number { $found }
        [number] the number { $found }
        [date] the date { $found }
        [list] a list
        [table] a table
        [empty] nothing
        [other] “{ $found }”
       *[string] the text “{ $found }”
    }. See the level definitions for what each level means.
unknown-area = Unknown area “{ $found }”. Write I, II, III or IV.
unknown-role = Unknown role “{ $found }”. The model “{ $model }” has the roles { $first } to { $last }; check the ID.
unknown-position = Unknown position “{ $found }”. Write manager, leader, staff or other.
no-position = No position is given. Write manager, leader, staff or other.
no-name = The respondent's name is empty. Write who answered.
duplicate-name = Another respondent is also named “{ $name }”. Every respondent needs a name of their own: add a family name or an initial.
no-respondents = There are no respondents. Add at least one [[respondents]] entry with a name, a position and answers.
no-rows = There are no answers. Add at least one row under the header row.

## Bounds

text-nul = The text holds a NUL character (U+0000), which isomm does not keep. Remove it.
name-characters = The name holds an invisible control character ({ $code }): a line break, a tab, or a direction override that makes a name read differently from what it is. Remove it.
text-too-long = The text is { $chars } characters long; at most { $max } are kept. Shorten it.
total-text-too-long = The assessment holds more than { $max } characters of text in all (names and notes added up). Shorten the notes, or split the assessment.
too-many-respondents = More than { $max } respondents. An assessment holds at most { $max } (the operator can raise this with --max-respondents); split the file.

## The CSV form

csv-field-count = This line has { $found } fields where the header row has { $want }. Check for a comma inside a text that has no double quotes around it.
csv-syntax = This line cannot be read as CSV. Save the file again from your spreadsheet program as CSV.
csv-unclosed-quote = A text in double quotes starts on this line and never ends, so every later line would be read into it. Add the closing " where the text ends.
unknown-column = Unknown column “{ $column }”. The columns are { $columns } (function and name may be there too, and are not read).
duplicate-column = The column “{ $column }” appears twice. Delete one of them.
missing-column = The column “{ $column }” is missing. The columns are { $columns }.
csv-needs-option = A CSV file carries answers only: give { $option } on the command line too.
position-changed = { $name } has the position “{ $earlier }” on an earlier line. Give a respondent the same position on every line.
role-answered-twice = { $role } of { $name } is already answered on line { $line }. Keep one of the two lines.

## Several files

files-disagree = The files disagree: { $first } has “{ $first_value }”, { $other } has “{ $other_value }”. Make them agree, or give { $option }.
respondent-in-two-files = The respondent “{ $name }” is in { $first } and in { $other }. Every respondent needs a name of their own: rename one, or leave one file out.

## Check sheets (.xlsx)

not-check-sheet = This workbook is not an isomm check sheet: { $lacks ->
        [no-header] no sheet has a header row with the columns ID, Insource and Outsource
       *[no-marker] it lacks the sheet with the assessment's fields
    }. Start from a sheet made by isomm (isomm template --format xlsx, or the download on the check sheet page) and copy your answers into it.
missing-field = The field “{ $key }” is missing on the sheet “{ $sheet }”. Start from a fresh sheet made by isomm and copy your answers into it.
role-twice = { $role } appears twice (also in row { $row }). Delete one of the two rows.
no-role-rows = There are no role rows under the header. Keep one row per role with its ID, as the sheet came.
too-many-rows = The answers sheet has { $rows } rows; a check sheet has at most { $max }. Delete the rows you added below the table.
cannot-open = The file cannot be opened as an .xlsx workbook: { $why ->
        [encrypted] it is protected by a password, or it is an old .xls file. Remove the password, or save it as an .xlsx workbook
        [parts] its list of parts is damaged. Save it again from your spreadsheet program
        [sheets] its list of sheets is damaged. Save it again from your spreadsheet program
        [packed] a part of it is encrypted or packed in a way .xlsx files do not use. Save it again from your spreadsheet program without encryption
        [unreadable] its contents cannot be read. Save it again from your spreadsheet program as an .xlsx workbook
       *[damaged] it is not a complete .xlsx (zip) file. Upload the file again, or save it again as an .xlsx workbook
    }.
too-many-sheets = The workbook has { $count } sheets; a check sheet needs a few, and isomm reads at most { $max }. Delete the sheets you added.
too-many-parts = The workbook holds more than { $max } files inside (an isomm check sheet holds about a dozen). It was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
part-too-big = { $part } of the workbook unpacks to { $size }; at most { $max } is read for one part, and a filled-in check sheet needs far less. Delete what is outside the table, or start again from a fresh sheet made by isomm.
unpacks-too-big = The workbook unpacks to { $size } in all; at most { $max } is read, and a filled-in check sheet needs far less. Delete what is outside the table, or start again from a fresh sheet made by isomm.
part-mismatch = The workbook is damaged: { $part } does not match the size or checksum recorded for it. Upload the file again, or save it again from your spreadsheet program.
shared-strings-declared = The table of texts of the workbook ({ $part }) declares { $count } entries; at most { $max } are read. The file is damaged or was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
shared-strings-too-many = The table of texts of the workbook ({ $part }) holds more than { $max } entries. Delete what is outside the table, or start again from a fresh sheet made by isomm.
styles-too-many = The styles of the workbook ({ $part }) define more than { $max } formats, fonts, fills and borders. The file is damaged or was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
styles-too-slow = The styles of the workbook ({ $part }) would take more than { $budget } to read: { $count } formats with names of up to { $longest }. The file is damaged or was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
names-too-many = The workbook ({ $part }) defines more than { $max } names. The file is damaged or was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
grid-too-big = The sheets span more than { $max } cells in all (from the first to the last value of each sheet). Delete what is outside the table, or start again from a fresh sheet made by isomm.
row-beyond-grid = { $part } refers to row { $row }, beyond the last row of any spreadsheet ({ $max }). The file is damaged: start again from a fresh sheet made by isomm.
cell-beyond-grid = { $part } refers to cell { $cell }, beyond the last cell of any spreadsheet (XFD1048576). The file is damaged: start again from a fresh sheet made by isomm.
cell-outside-table = This cell holds a value, but a check sheet uses at most { $rows } rows and { $columns } columns (A1 to { $last }). Delete what is outside the table.
too-many-cells = The workbook has more than { $max } cells with a value. Delete what is outside the table, or start again from a fresh sheet made by isomm.
too-much-text = The cells hold more than { $max } of text in all; a filled-in check sheet has far less. Delete what is outside the table, or start again from a fresh sheet made by isomm.
bad-dimension = { $part } records its used area as “{ $found }”, which is not a range of cells. Save the file again from your spreadsheet program.
attribute-twice = A cell of { $part } in row { $row } gives its position, style or type twice. The file was changed by hand or is damaged: save it again from your spreadsheet program.
bad-nesting = { $part } is damaged: the XML of { $inside ->
        [shared-text] a text in its table of texts
       *[cell] a cell
    } does not nest properly. Save the file again from your spreadsheet program.
too-deep-xml = { $part } nests its elements more than { $max } deep; a spreadsheet program writes far fewer. Save the file again from your spreadsheet program.
name-too-long = { $part } has an element name longer than { $max } bytes. The file is damaged or was not made by a spreadsheet program: start again from a fresh sheet made by isomm.
token-too-long = { $part } holds one piece of text or markup longer than { $max }; a cell holds at most 32,767 characters. Delete what is outside the table.

## The plan workbook (plan.xlsx)

not-plan-file = This workbook is not an isomm plan workbook: no sheet has the row of column names from key to updated. Download plan.xlsx from the plan page, edit it and upload it.
item-no-key = This row has no key. Items cannot be added in Excel: add the item on the plan page, or delete this row.
item-unknown = The item “{ $key }” is not in this assessment. Leave the key column as it was: delete this row, or download the plan again.
item-twice = The item “{ $key }” is on row { $row } too. Keep one of the two rows.
item-stale = The item “{ $key }” was changed in isomm after this file was downloaded (the file says { $file }, isomm { $now }, UTC). Download the plan again and make the change there, or delete this row and upload again.
bad-updated = “{ $found }” is not an update time isomm wrote. Leave the updated column as it was (download the plan again).
not-status = “{ $found }” is not a status. Choose one from the cell’s drop-down list.
reason-required = Say why, to mark an item “Won't do”.

## Model files (--model)

empty-text = This text is empty. Write it in Japanese (ja) and English (en).
duplicate-id = The { $what ->
        [role] role
        [pattern] pattern
       *[function] function
    } ID “{ $id }” is used twice. Give each its own ID.
too-many-roles = More than { $max } roles. A model defines at most { $max } (every respondent answers each).
role-outside-function = The role “{ $role }” belongs to no function: a role of function { $function } needs an ID like { $function }-1.
function-without-roles = The function { $function } has no roles. Add at least one.
no-functions = There are no functions. Add at least one [[functions]] entry.
level-out-of-range = “{ $found }” is not a level. The levels are 0 to 5.
level-twice = The level { $level } is defined twice. Keep one.
level-missing = The level { $level } is missing. Define every level from 0 to 5.
no-patterns = There are no patterns. Add at least one [[patterns]] entry.
phrases-differ = The phrases (ja_phrases) do not make up the Japanese text “{ $text }”. Cut the text itself into phrases, adding and changing nothing.
