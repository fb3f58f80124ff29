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
