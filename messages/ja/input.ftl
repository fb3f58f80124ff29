# isomm に渡される入力の問題: 回答ファイル (TOML, JSON, CSV)、チェックシート (.xlsx)、モデルファイル、
# コマンドラインのオプション (isomm-core, problem.rs)。どのメッセージも、何が違うか、何を期待したか、
# どうすればよいかを書く。場所は place-* と at-* のメッセージで前に付く。
# 引数はそのまま表示する。$why, $lacks, $token, $expected, $found_kind, $inside, $what は文言を選ぶ。

## 場所

place-text = { $line } 行目 { $column } 文字目
place-line = { $line } 行目
place-csv = { $line } 行目の「{ $column }」列
place-cell = シート「{ $sheet }」のセル { $cell }
at-place = { $place }: { $message }
at-field = { $field }: { $message }
at-place-field = { $place }（{ $field }）: { $message }
in-file = { $file }: { $message }
more-problems = ほかにも問題があります（最初の { $shown } 件だけを表示しています）。これらを直してから、もう一度お試しください。

## ファイル

file-too-large = ファイルの大きさが { $size } あります。isomm が読めるのは { $max } までです。ファイルを分けるか、回答以外の内容を削除してください。
not-utf8 = ファイルが UTF-8 のテキストではありません（{ $byte } バイト目）。UTF-8 で保存し直してください（Excel の CSV なら「CSV UTF-8」）。
no-files = 回答ファイルが指定されていません。ファイルを 1 つ以上指定してください。
empty-file = ファイルが空です。回答を記入したファイルを選ぶか、テンプレート（isomm template）から始めてください。

## 構文

toml-syntax = ここは TOML として正しくありません。この位置の引用符・括弧・「=」を確かめてください（文字列は引用符で囲みます: name = "佐藤"）。
json-syntax = ここは JSON として正しくありません: { $token ->
        [end] ここで文書が終わるはずです
        [comma-bracket] 「,」か「]」が必要です
        [comma-brace] 「,」か「{"}"}」が必要です
        [key] 二重引用符で囲んだキーが必要です
        [colon] キーの後に「:」が必要です
       *[value] 値が必要です（二重引用符で囲んだ文字列、数値、true、false、null、リスト、オブジェクト）
    }。この位置の引用符・カンマ・括弧を確かめてください。
json-not-number = 「{ $text }」は数値ではありません。3 のように数値を書くか、文字列なら二重引用符で囲んでください。
json-unterminated = 文字列を閉じる二重引用符がありません。文字列の終わりに " を書いてください。
json-bad-string = 文字列に JSON のエスケープではないバックスラッシュがあります。バックスラッシュは \\、引用符は \" と書いてください。
too-deep = リストや表の入れ子が { $max } 段を超えています。回答ファイルは 3 段で足ります。括弧を確かめてください。
integer-out-of-range = 数値が大きすぎます。レベルは 0〜5 の整数です。
duplicate-key = 同じ表にキー「{ $key }」が 2 回あります。どちらか 1 つにしてください。

## 文書の形

unknown-key = 不明なキー「{ $key }」があります。使えるキーは { $allowed } です。綴りを確かめるか、削除してください。
missing-key = キー「{ $key }」がありません。追加してください。
wrong-type = { $expected ->
        [list] リスト（[ … ]）
        [string] 二重引用符で囲んだ文字列
        [integer] 整数
       *[table] 表
    }が必要ですが、{ $found_kind ->
        [null] null{" "}
        [bool] { $found }{" "}
        [integer] 数値 { $found }{" "}
        [number] 数値 { $found }{" "}
        [string] 文字列「{ $found }」
        [date] 日付 { $found }{" "}
        [list] リスト
        [empty] 何もありません
        [other] 「{ $found }」
       *[table] 表
    }{ $found_kind ->
        [empty] 。
       *[other] が書かれています。
    }

## 値

unsupported-format = 形式「{ $found }」は isomm が読める形式ではありません。format = "{ $format }" と書くか、isomm template で作ったファイルから始めてください。
other-model = このファイルはモデル「{ $found }」用ですが、読み込まれているモデルは「{ $loaded }」です。--model でこのファイルのモデルを読み込んでください。
unknown-pattern = 不明なパターン「{ $found }」です。{ $allowed } のいずれかを選んでください。
no-pattern = パターンが選ばれていません。{ $allowed } のいずれかを選んでください。
bad-date = 「{ $found }」は日付ではありません。2026-11-27 のように YYYY-MM-DD で書いてください。
bad-target-level = 「{ $found }」は目標レベルではありません。1〜5 の整数を書いてください。
bad-level = レベルは 0〜5 の整数か、未回答なら空欄です。{ $found_kind ->
        [null] null{" "}
        [bool] { $found }{" "}
        [integer] 数値 { $found }{" "}
        [number] 数値 { $found }{" "}
        [date] 日付 { $found }{" "}
        [list] リスト
        [table] 表
        [empty] 空欄
        [other] 「{ $found }」
       *[string] 文字列「{ $found }」
    }は使えません。各レベルの意味は「レベルの定義」を見てください。
unknown-area = 不明な領域「{ $found }」です。I、II、III、IV のいずれかを書いてください。
unknown-role = 不明な役割「{ $found }」です。モデル「{ $model }」の役割は { $first } から { $last } です。ID を確かめてください。
unknown-position = 不明な立場「{ $found }」です。管理職、リーダー、担当者、その他（または manager、leader、staff、other）のいずれかを書いてください。
no-position = 立場が選ばれていません。管理職、リーダー、担当者、その他のいずれかを書いてください。
no-name = 回答者の名前が空です。回答した人の名前を書いてください。
duplicate-name = 「{ $name }」という名前の回答者がほかにもいます。回答者ごとに別の名前にしてください（姓やイニシャルを加えるなど）。
no-respondents = 回答者がいません。名前・立場・回答を持つ [[respondents]] を 1 つ以上追加してください。
no-rows = 回答がありません。見出し行の下に 1 行以上追加してください。

## 上限

text-nul = 文字列に NUL 文字（U+0000）が含まれています。isomm では保存できないので、削除してください。
name-characters = 名前に見えない制御文字（{ $code }）が含まれています。改行・タブや、文字の向きを変えて名前を別物に見せる文字です。削除してください。
text-too-long = 文字列が { $chars } 文字あります。{ $max } 文字までにしてください。
total-text-too-long = この評価の文字列が合計 { $max } 文字を超えています（名前と備考の合計）。備考を短くするか、評価を分けてください。
too-many-respondents = 回答者が { $max } 人を超えています。1 つの評価は { $max } 人までです（運用者が --max-respondents で増やせます）。ファイルを分けてください。

## CSV 形式

csv-field-count = この行の項目は { $found } 個ですが、見出し行は { $want } 個です。二重引用符で囲んでいない文字列にカンマが入っていないか確かめてください。
csv-syntax = この行を CSV として読めません。表計算ソフトから CSV として保存し直してください。
csv-unclosed-quote = この行で始まる二重引用符の文字列が閉じられていないため、以降の行がすべてその文字列として読まれてしまいます。文字列の終わりに " を追加してください。
unknown-column = 不明な列「{ $column }」があります。列は { $columns } です（function と name の列はあってもよく、読み飛ばします）。
duplicate-column = 列「{ $column }」が 2 つあります。どちらかを削除してください。
missing-column = 列「{ $column }」がありません。列は { $columns } です。
csv-needs-option = CSV ファイルは回答だけを持つので、{ $option } もコマンドラインで指定してください。
position-changed = { $name } さんは前の行で立場「{ $earlier }」になっています。同じ回答者はどの行も同じ立場にしてください。
role-answered-twice = { $name } さんの { $role } は { $line } 行目で回答済みです。どちらか 1 行にしてください。

## 複数のファイル

files-disagree = ファイルの内容が食い違っています: { $first } は「{ $first_value }」、{ $other } は「{ $other_value }」です。揃えるか、{ $option } で指定してください。
respondent-in-two-files = 回答者「{ $name }」が { $first } と { $other } の両方にいます。回答者ごとに別の名前にするか、どちらかのファイルを外してください。

## チェックシート (.xlsx)

not-check-sheet = このブックは isomm のチェックシートではありません: { $lacks ->
        [no-header] ID・インソース・アウトソースの列の見出し行を持つシートがありません
       *[no-marker] 評価の項目を持つシートがありません
    }。isomm で作ったシート（isomm template --format xlsx、またはチェックシートのページからのダウンロード）に回答を写してください。
missing-field = シート「{ $sheet }」に項目「{ $key }」がありません。isomm で新しく作ったシートに回答を写してください。
role-twice = { $role } が 2 回あります（{ $row } 行目にも）。どちらかの行を削除してください。
no-role-rows = 見出しの下に役割の行がありません。配布されたときのまま、役割ごとに ID を持つ行を残してください。
too-many-rows = 回答シートが { $rows } 行あります。チェックシートは { $max } 行までです。表の下に追加した行を削除してください。
cannot-open = .xlsx のブックとして開けません: { $why ->
        [encrypted] パスワードで保護されているか、古い .xls 形式です。パスワードを外すか、.xlsx 形式で保存してください
        [parts] 構成部品の一覧が壊れています。表計算ソフトで保存し直してください
        [sheets] シートの一覧が壊れています。表計算ソフトで保存し直してください
        [packed] 一部が .xlsx では使わない方法で暗号化・圧縮されています。暗号化せずに保存し直してください
        [unreadable] 内容を読めません。表計算ソフトで .xlsx 形式として保存し直してください
       *[damaged] 完全な .xlsx（zip）ファイルではありません。もう一度アップロードするか、.xlsx 形式で保存し直してください
    }。
too-many-sheets = ブックに { $count } 枚のシートがあります。isomm が読むのは { $max } 枚までです。追加したシートを削除してください。
too-many-parts = ブックの中に { $max } を超えるファイルがあります（isomm のチェックシートは十数個です）。表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
part-too-big = ブックの { $part } は展開すると { $size } になります。1 つの部品は { $max } までしか読まず、記入済みのチェックシートはずっと小さくなります。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
unpacks-too-big = ブックは展開すると合計 { $size } になります。読むのは { $max } までで、記入済みのチェックシートはずっと小さくなります。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
part-mismatch = ブックが壊れています: { $part } の大きさかチェックサムが記録と合いません。もう一度アップロードするか、表計算ソフトで保存し直してください。
shared-strings-declared = ブックの文字列表（{ $part }）は { $count } 件を宣言していますが、読むのは { $max } 件までです。壊れているか表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
shared-strings-too-many = ブックの文字列表（{ $part }）が { $max } 件を超えています。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
styles-too-many = ブックのスタイル（{ $part }）が書式・フォント・塗りつぶし・罫線あわせて { $max } 件を超えています。壊れているか表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
styles-too-slow = ブックのスタイル（{ $part }）は読むのに { $budget } を超えます（{ $count } 件の書式、名前は最長 { $longest }）。壊れているか表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
names-too-many = ブック（{ $part }）が { $max } を超える名前を定義しています。壊れているか表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
grid-too-big = シートの範囲が合計 { $max } セルを超えています（各シートの最初から最後の値まで）。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
row-beyond-grid = { $part } が { $row } 行目を指していますが、表計算ソフトの最終行（{ $max }）を超えています。ファイルが壊れています。isomm で新しく作ったシートからやり直してください。
cell-beyond-grid = { $part } がセル { $cell } を指していますが、表計算ソフトの最後のセル（XFD1048576）を超えています。ファイルが壊れています。isomm で新しく作ったシートからやり直してください。
cell-outside-table = このセルに値がありますが、チェックシートが使うのは { $rows } 行・{ $columns } 列（A1 から { $last }）までです。表の外の内容を削除してください。
too-many-cells = 値のあるセルが { $max } を超えています。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
too-much-text = セルの文字列が合計 { $max } を超えています。記入済みのチェックシートはずっと少なくなります。表の外の内容を削除するか、isomm で新しく作ったシートからやり直してください。
bad-dimension = { $part } の使用範囲が「{ $found }」と記録されていて、セルの範囲になっていません。表計算ソフトで保存し直してください。
attribute-twice = { $part } の { $row } 行目のセルが位置・スタイル・型を 2 回指定しています。手で書き換えられたか壊れています。表計算ソフトで保存し直してください。
bad-nesting = { $part } が壊れています: { $inside ->
        [shared-text] 文字列表の文字列
       *[cell] セル
    }の XML の入れ子が正しくありません。表計算ソフトで保存し直してください。
too-deep-xml = { $part } の要素の入れ子が { $max } 段を超えています（表計算ソフトはずっと浅く書きます）。表計算ソフトで保存し直してください。
name-too-long = { $part } に { $max } バイトを超える要素名があります。壊れているか表計算ソフトで作られたものではありません。isomm で新しく作ったシートからやり直してください。
token-too-long = { $part } に { $max } を超える 1 続きの文字列かマークアップがあります（セルは 32,767 文字まで）。表の外の内容を削除してください。

## 改善計画のブック (plan.xlsx)

not-plan-file = このブックは isomm の改善計画のブックではありません: key から updated までの列名の行を持つシートがありません。改善計画のページから plan.xlsx をダウンロードし、それを編集してアップロードしてください。
item-no-key = この行には key がありません。項目は Excel では追加できません。改善計画のページで追加するか、この行を削除してください。
item-unknown = 項目「{ $key }」はこの評価にありません。key の列は変えず、この行を削除するか、改善計画をダウンロードし直してください。
item-twice = 項目「{ $key }」は { $row } 行目にもあります。どちらか 1 行にしてください。
item-stale = 項目「{ $key }」は、このファイルのダウンロード後に isomm で変更されました（ファイルは { $file }、isomm では { $now }、UTC）。改善計画をダウンロードし直してそこで変更するか、この行を削除してアップロードしてください。
bad-updated = 「{ $found }」は isomm が書いた更新時刻ではありません。updated の列は変えないでください（ダウンロードし直してください）。
not-status = 「{ $found }」は状況ではありません。セルのドロップダウンの一覧から選んでください。
reason-required = 状況を「実施しない」にするには、理由を書いてください。

## モデルファイル (--model)

empty-text = 文字列が空です。日本語（ja）と英語（en）で書いてください。
duplicate-id = { $what ->
        [role] 役割
        [pattern] パターン
       *[function] 機能
    }の ID「{ $id }」が 2 回使われています。それぞれに別の ID を付けてください。
too-many-roles = 役割が { $max } を超えています。モデルが定義できる役割は { $max } までです（回答者はすべてに回答します）。
role-outside-function = 役割「{ $role }」はどの機能にも属しません。機能 { $function } の役割の ID は { $function }-1 のようにしてください。
function-without-roles = 機能 { $function } に役割がありません。1 つ以上追加してください。
no-functions = 機能がありません。[[functions]] を 1 つ以上追加してください。
level-out-of-range = 「{ $found }」はレベルではありません。レベルは 0〜5 です。
level-twice = レベル { $level } が 2 回定義されています。1 つにしてください。
level-missing = レベル { $level } がありません。0〜5 のすべてのレベルを定義してください。
no-patterns = パターンがありません。[[patterns]] を 1 つ以上追加してください。
phrases-differ = 文節（ja_phrases）をつなげても日本語の「{ $text }」になりません。文字を足したり変えたりせず、その文字列自体を区切ってください。
