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
xlsx-to-terminal = .xlsx のブックはテキストではありません。-o ファイル名.xlsx でファイルに書き出してください。
session-too-short = { $arg } の { $value } は短すぎます。作業中にログインが切れてしまいます。{ $min } 秒以上を指定してください。
plan-options = --plan-size は 1〜{ $max-size }、--plan-min-gap は 0〜{ $max-gap }（小数 1 桁まで）で指定してください。
public-url-not-an-address = --public-url の { $url } はアドレスではありません。https://isomm.example.org や http://192.0.2.10:8080 のように指定してください。
public-url-not-http = --public-url の { $url } は http または https のアドレスではありません。https://isomm.example.org のように指定してください。
public-url-not-just-the-site = --public-url にはサイトのアドレスだけを指定してください（パス、クエリ、ユーザー名は付けません）。{ $url } ではなく https://isomm.example.org のように指定します。


## isomm compare
unknown-round-type = { $file }: isomm が回を読めるのは結果文書（.json。isomm report --format json で作ったもの）か回答ファイル（.toml、.json、.xlsx）です。名前を変えるか、これらの形式で保存してください。
result-shape = { $file } の { $line } 行 { $column } 列: isomm が読める結果文書ではありません。isomm report … --format json で作り直してください。
result-side = { $file }: 役割 { $role } の改善ポイントの side が「{ $found }」です。insource か outsource でなければなりません。isomm report … --format json で作り直してください。
result-value = { $file }: { $field } に結果にはありえない値があります（レベルは 0〜5、目標レベルは 1〜5、文字列は 200 文字まで）。isomm report … --format json で作り直してください。
result-respondents = { $file }: この結果の回答者は { $found } 人です。上限は { $max } 人です（--max-respondents）。
result-other-model = { $file } はモデル { $model } の結果で、その機能と役割は isomm が読み込んでいるモデル（{ $loaded }）と違います。そのモデルのファイルを --model で指定するか、このモデルで結果を作り直してください。
round-csv = { $file }: CSV ファイルは回答だけで、回に必要なパターンを持っていません。先に isomm report { $file } --current-pattern hybrid --target-pattern hybrid --format json -o round.json のように結果を作り、そのファイルを指定してください。
round-other-format = { $file } は { $found } の文書で、回ではありません。結果文書（isomm report … --format json）か回答ファイルを指定してください。
incomparable-role-missing = { $earlier } と { $later } は比較できません: 役割 { $role } が{ $which ->
        [earlier] 前の回
       *[later] 後の回
    }にありません（または 2 回あります）。同じモデルで作った回どうしを比較してください。
compare-warning = 注意: { $what ->
        [dates] { $later } の実施日が { $earlier } より前です。ファイルの順番を確かめてください（前の回を先に指定します）
        [organizations] { $earlier } と { $later } は別の組織の回です
       *[same] { $earlier } と { $later } は同じ回です。変化はありません
    }。
incomparable = { $earlier } と { $later } は比較できません: { $what ->
        [model] モデルが違います（{ $in-earlier } と { $in-later }）
       *[functions] モデルの機能が違います（{ $in-earlier } と { $in-later }）
    }。同じモデルで作った回どうしを比較してください。
incomparable-role = { $earlier } と { $later } は比較できません: 役割 { $role } の機能が前の回では { $in-earlier }、後の回では { $in-later } です。同じモデルで作った回どうしを比較してください。
threshold = --threshold の { $value } は使えません。0.1〜5.0 の数を小数 1 桁まで（例: 0.5）で指定してください。

## isomm trend
trend-too-few = isomm trend には { $min } つ以上の回（ファイル）が必要です。{ $count ->
        [0] ファイルが指定されていません
       *[other] 指定されたファイルは { $count } 個だけです
    }。isomm trend 2025.json 2026.json のように、回ごとのファイルを指定してください。

## isomm serve
cannot-start = isomm を起動できません: システムが作業用のスレッドを作れませんでした。
cannot-listen = { $address } で待ち受けできません: { $why ->
        [in-use] ほかのプログラム（または別の isomm）が使っています。そのプログラムを止めるか、別の --port か --bind を指定してください
        [denied] 権限がありません。1024 以上のポートを使うか、管理者に相談してください
       *[other] システムが拒否しました。--bind と --port を確かめてください
    }。
cannot-open-db = データベース { $url } を開けません: { $why ->
        [url] sqlite://ファイル か postgres://ユーザー@ホスト/データベース の形で指定してください
       *[other] sqlite:// ならフォルダーがあって書き込めるか、postgres:// ならサーバーが動いていてこのユーザーで接続できるかを確かめてください。詳しい原因は上のログにあります
    }。
serving = isomm: ブラウザーで { $url } を開いてください（データベース { $database }、Ctrl-C で停止）
setup-link = isomm: アカウントがまだありません。最初の管理者を { $link } で作成してください（このリンクは 1 回だけ使えます）
allow-remote = isomm: --allow-remote はもう不要です（ログインが必要なため）。--bind には任意のアドレスを指定できます

## isomm db copy
copied = isomm: { $from } を { $to } にコピーしました（{ $counts }）
copy-no-source = { $url }: そのデータベースファイルはありません。コピー元は既存のファイルにしてください（何も作成していません）。
copy-unknown-table = コピー元に isomm db copy が知らないテーブル「{ $table }」があります。取り残さないよう、何もコピーしていません。コピー元を作った版の isomm を使ってください。
copy-target-has-data = { $url } にはすでにデータがあります。置き換えるなら --force を指定してください（何もコピーしていません）。
cannot-copy = { $from } を { $to } にコピーできません: データベースが拒否しました（原因は上のログにあります）。コピー先は変わっていません。

## isomm user
password-prompt = パスワード:{" "}
password-again = パスワード（確認）:{" "}
no-terminal = パスワードを入力する端末がありません。ISOMM_PASSWORD を設定してください。
cannot-read-password = 端末からパスワードを読めません。
passwords-differ = 2 つのパスワードが違います。何も変更していません。
account-email = 「{ $email }」はメールアドレスとして使えないか、このデータベースのアカウントにありません。
account-name = --name: その人の名前を 1〜{ $max } 文字で指定してください。
account-workspace = --workspace: ワークスペースの名前を 1〜{ $max } 文字で指定してください。
password-short = パスワードは { $min } 文字以上にしてください。何も変更していません。
password-long = パスワードは { $max } 文字までにしてください。何も変更していません。
password-guessable = パスワードが推測されやすすぎます（よくある単語、名前、キーボードの並び、メールアドレスなど）。関係のない単語をいくつか並べた長いフレーズにしてください。何も変更していません。
email-taken = { $email } にはすでにアカウントがあります（isomm user reset-password { $email } で新しいパスワードを設定できます）。
database-failed = データベースが想定どおりに応答しませんでした（原因は上のログにあります）。何も変更していません。
added = isomm: { $admin ->
        [yes] 管理者アカウント
       *[no] アカウント
    } { $email } を追加しました
added-member = isomm: { $admin ->
        [yes] 管理者アカウント
       *[no] アカウント
    } { $email } を追加しました（ワークスペース「{ $workspace }」の { $access }）
first-admin = isomm: データベースの最初のアカウントは管理者になります
adopted = isomm: アカウント導入前に作られた評価 { $count } 件が、このワークスペースに入りました
no-accounts = isomm: アカウントはまだありません（isomm user add メールアドレス --name 名前 --workspace 名前 --access owner）
password-set = isomm: { $email } に新しいパスワードを設定し、ログイン中のセッションを終了しました
audit-pruned = isomm: { $date } より前の監査ログ { $count } 行を削除しました（このことはインスタンスのログに記録されています）
audit-bad-date = 「{ $value }」は日付ではありません。--before は 2025-04-01 のように YYYY-MM-DD で指定してください。

## コマンドライン自体（clap が読めなかったもの）。--help は英語のまま。
usage-unknown-argument = isomm は「{ $arg }」を知りません。オプションは isomm --help、または各コマンドの --help で確かめてください。
usage-unknown-command = isomm に「{ $command }」というコマンドはありません。コマンドは serve、report、compare、trend、catalog、template、db、user、audit です（isomm --help）。
usage-invalid-value = 「{ $value }」は { $arg } の値として使えません。{ $values } のいずれかを指定してください。
usage-bad-value = 「{ $value }」は { $arg } に指定できません。書き方は各コマンドの --help で確かめてください（--area は B-1=II のような ROLE=AREA）。
usage-missing = { $arg } がありません。各コマンドの --help で確かめてください。
usage-other = コマンドラインを読めません。isomm --help で確かめてください。
