# The command line's own messages (src/main.rs), in the language of --lang, else of LANG.

error = error: { $message }
cannot-read = { $file }: the file cannot be read: { $why ->
        [missing] there is no such file. Check the name and the folder
        [denied] permission denied. Ask for access, or copy the file somewhere you can read it
        [folder] it is a folder, not a file. Name a file in it
       *[other] the system refused to read it
    }.
cannot-write = { $file }: the file cannot be written: { $why ->
        [missing] the folder does not exist. Create it first
        [denied] permission denied. Choose a folder you can write to
        [folder] it is a folder. Name a file inside it
       *[other] the system refused to write it
    }.
cannot-write-stdout = The output cannot be written to the terminal or pipe.
cannot-render = The output cannot be made. Try another format, and tell the isomm team about it.
unknown-model-type = { $file }: a model is a .toml or .json file. Rename it, or name another file.
unknown-answers-type = { $file }: isomm reads answers from .toml, .json, .csv and .xlsx files. Rename it, or save it in one of these formats.
xlsx-to-terminal = An .xlsx workbook is not text: give -o FILE.xlsx to write it into a file.
session-too-short = { $arg } { $value } is too short: a session would end while its person works. Give at least { $min } seconds.
plan-options = Give --plan-size from 1 to { $max-size } and --plan-min-gap from 0 to { $max-gap } with one decimal at most.
public-url-not-an-address = --public-url { $url } is not an address. Give one such as https://isomm.example.org or http://192.0.2.10:8080.
public-url-not-http = --public-url { $url } is not an http or https address. Give one such as https://isomm.example.org.
public-url-not-just-the-site = --public-url { $url } must be the site's address alone, without a path, query or user: such as https://isomm.example.org.


## isomm compare
unknown-round-type = { $file }: isomm reads a round from a result document (.json, from isomm report --format json) or an answers file (.toml, .json, .xlsx). Rename it, or save it in one of these formats.
result-shape = { $file }, line { $line }, column { $column }: this is not a result document isomm can read. Make it again with isomm report … --format json.
result-side = { $file }: the improvement point of role { $role } has the side "{ $found }"; it must be insource or outsource. Make the file again with isomm report … --format json.
result-value = { $file }: { $field } holds a value no result can have (levels are 0 to 5, the target level 1 to 5, texts at most 200 characters). Make the file again with isomm report … --format json.
result-respondents = { $file }: the result counts { $found } respondents; at most { $max } are allowed (--max-respondents).
result-other-model = { $file } is a result of the model { $model }, whose functions and roles are not those of the model isomm reads ({ $loaded }). Give that model's file with --model, or make the result again with this model.
round-csv = { $file }: a CSV file holds answers only, without the patterns a round needs. Make its result first, such as isomm report { $file } --current-pattern hybrid --target-pattern hybrid --format json -o round.json, and give that file.
round-other-format = { $file } is a document of the kind { $found }, not a round: give a result document (isomm report … --format json) or an answers file.
incomparable-role-missing = { $earlier } and { $later } cannot be compared: role { $role } is missing from the { $which ->
        [earlier] earlier
       *[later] later
    } round (or listed twice). Compare two rounds made with the same model.
compare-warning = warning: { $what ->
        [dates] { $later } is dated before { $earlier }: is the order of the files right? The earlier round comes first
        [organizations] { $earlier } and { $later } are rounds of different organisations
       *[same] { $earlier } and { $later } are the same round: nothing can have changed
    }.
incomparable = { $earlier } and { $later } cannot be compared: { $what ->
        [model] they are results of different models ({ $in-earlier } and { $in-later })
       *[functions] their models have different functions ({ $in-earlier } and { $in-later })
    }. Compare two rounds made with the same model.
incomparable-role = { $earlier } and { $later } cannot be compared: role { $role } is in function { $in-earlier } in the earlier and { $in-later } in the later. Compare two rounds made with the same model.
threshold = --threshold { $value } cannot be used: give a number from 0.1 to 5.0 with one decimal at most, such as 0.5.

## isomm trend
trend-too-few = isomm trend needs at least { $min } rounds, but { $count ->
        [0] no file was given
        [one] only one file was given
       *[other] only { $count } files were given
    }. Give one file per round, such as isomm trend 2025.json 2026.json.

## isomm serve
cannot-start = isomm cannot start: the system refused to start its worker threads.
cannot-listen = isomm cannot listen on { $address }: { $why ->
        [in-use] another program (or another isomm) already uses it. Stop that program, or give another --port or --bind
        [denied] permission denied. Use a port above 1023, or ask the administrator
       *[other] the system refused. Check --bind and --port
    }.
cannot-open-db = The database { $url } cannot be opened: { $why ->
        [url] write it as sqlite://FILE or postgres://USER@HOST/DATABASE
       *[other] for sqlite://, check that its folder exists and can be written; for postgres://, that the server runs and lets this user in. The log above says more
    }.
serving = isomm: open { $url } in your browser (database { $database }; Ctrl-C to stop)
setup-link = isomm: no accounts yet: create the first admin at { $link } (the link works once)
allow-remote = isomm: --allow-remote is no longer needed (people log in): any address may be given to --bind

## isomm db copy
copied = isomm: copied { $from } to { $to } ({ $counts })
copy-no-source = { $url }: there is no such database file. The source must exist (nothing was created).
copy-unknown-table = The source holds a table isomm db copy does not know, “{ $table }”: nothing was copied, so that it is not left behind. Use the isomm version that made the source.
copy-target-has-data = { $url } already holds data: give --force to replace it (nothing was copied).
cannot-copy = { $from } cannot be copied to { $to }: the database refused (the log above says why). Nothing was changed in the target.

## isomm user
password-prompt = Password:{" "}
password-again = Password again:{" "}
no-terminal = There is no terminal to type the password in: set ISOMM_PASSWORD.
cannot-read-password = The password cannot be read from the terminal.
passwords-differ = The two passwords differ: nothing was changed.
account-email = “{ $email }” is not an e-mail address, or not one of an account here.
account-name = --name: give the person's name (1 to { $max } characters).
account-workspace = --workspace: give the workspace's name (1 to { $max } characters).
password-short = The password needs at least { $min } characters: nothing was changed.
password-long = The password may have at most { $max } characters: nothing was changed.
password-guessable = The password is too easy to guess (a common word, a name, a pattern, or your e-mail): choose a longer phrase of unrelated words. Nothing was changed.
email-taken = { $email } already has an account (isomm user reset-password { $email } sets a new password).
database-failed = The database did not answer as expected (the log above says why): nothing was changed.
added = isomm: added the { $admin ->
        [yes] admin account
       *[no] account
    } { $email }
added-member = isomm: added the { $admin ->
        [yes] admin account
       *[no] account
    } { $email } ({ $access } of workspace “{ $workspace }”)
first-admin = isomm: the first account of a database is an admin
adopted = isomm: { $count } { $count ->
        [one] assessment made before accounts existed is
       *[other] assessments made before accounts existed are
    } now in this workspace
no-accounts = isomm: no accounts yet (isomm user add EMAIL --name NAME --workspace NAME --access owner)
password-set = isomm: set a new password for { $email } and ended its sessions
audit-pruned = isomm: deleted { $count } { $count ->
        [one] line
       *[other] lines
    } of the audit log written before { $date } (this is recorded in the instance's log)
audit-bad-date = “{ $value }” is not a date: give --before as YYYY-MM-DD, such as 2025-04-01.

## The command line itself (what clap could not read); --help stays in English.
usage-unknown-argument = isomm does not know “{ $arg }”. See isomm --help, or the command's --help, for its options.
usage-unknown-command = isomm has no command “{ $command }”. The commands are serve, report, compare, trend, catalog, template, db, user and audit (isomm --help).
usage-invalid-value = “{ $value }” is not a value of { $arg }: choose one of { $values }.
usage-bad-value = “{ $value }” cannot be given to { $arg }. See the command's --help for how to write it (--area: ROLE=AREA, such as B-1=II).
usage-missing = { $arg } is missing. See the command's --help.
usage-other = The command line cannot be read. See isomm --help.
