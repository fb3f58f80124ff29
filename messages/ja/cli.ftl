# コマンドライン自身のメッセージ (src/main.rs)。--lang の言語、なければ LANG の言語で出す。

error = エラー: { $message }
cannot-read = { $file }: ファイルを読めません: { $why ->
        [missing] そのファイルはありません。名前とフォルダーを確かめてください
        [denied] 読む権限がありません。権限をもらうか、読める場所にコピーしてください
        [folder] ファイルではなくフォルダーです。中のファイルを指定してください
       *[other] システムが読み込みを拒否しました
    }。
cannot-write = { $file }: ファイルに書き込めません: { $why ->
        [missing] フォルダーがありません。先に作成してください
        [denied] 書き込む権限がありません。書き込めるフォルダーを選んでください
        [folder] フォルダーです。中のファイル名を指定してください
       *[other] システムが書き込みを拒否しました
    }。
cannot-write-stdout = 出力を端末またはパイプに書き込めません。
cannot-render = 出力を作れません。別の形式を試し、isomm の開発チームにお知らせください。
unknown-model-type = { $file }: モデルは .toml か .json のファイルです。名前を変えるか、別のファイルを指定してください。
unknown-answers-type = { $file }: isomm が回答を読めるのは .toml、.json、.csv、.xlsx のファイルです。名前を変えるか、これらの形式で保存してください。
