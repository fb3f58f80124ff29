# The pages of the web application: every word the browser shows (isomm-web).
# Keys are the fields of `Words` (crates/isomm-web/src/base/words.rs) with - for _; a list is
# numbered from 1. Checked by `every_page_word_is_in_every_language`.

lang = ja
# Between the items of a list in a sentence (names, workspaces).
list-separator = {"、"}
# A time in UTC, as the pages show it.
app-title = isomm セキュリティ対応組織 成熟度セルフチェック
nav-home = 評価一覧
nav-catalog = 機能と役割
nav-new = 新しい評価
nav-import = ファイルから取り込む
switch-label = 言語
skip-to-roles = 最初の役割へ移動
skip-link = 本文へ移動

## Home
home-heading = 評価一覧
home-intro = ISOG-J の ISOMM（セキュリティ対応組織成熟度セルフチェックシート）で、SOC／CSIRT の成熟度を確認します。
home-empty = まだ評価はありません。「新しい評価」から始めるか、回答ファイルを取り込んでください。
col-organization = 組織
col-title = タイトル
col-date = 実施日
col-patterns = パターン（現在 → 目標）
col-respondents = 回答者
col-completion = 提出済み
home-counted = 総合成熟度は、提出済みのシートだけから計算しています（提出済み／回答者数と同じ数え方です）。
col-overall = 総合成熟度

## Workflow
steps-heading = 使い方
steps-1 = セキュリティ対応の全体（9つの機能と54の役割）を知る
steps-2 = 自組織でどこを対応するか決める
steps-3 = 自組織の現在のパターンを知る
steps-4 = 今後どんなパターンになりたいかを決める
steps-5 = 現在の範囲でどこまでできているかをチェックする
steps-6 = チェック結果を見て、どこを強化するかを決める

## Catalog
catalog-heading = セキュリティ対応組織の機能と役割
catalog-intro = セキュリティ対応組織が持つべき 9 つの機能と、その機能が担うべき 54 の役割です（ISOG-J「セキュリティ対応組織の教科書 v2.1」）。チェックの前に全体を確認しましょう。
levels-heading = スコアの付け方
level = レベル
insource = インソース（自組織で実施）
outsource = アウトソース（外部委託）
patterns-heading = セキュリティ対応組織のパターン
patterns-intro = 4 つの領域のうち、どこを自組織で実施するかで 4 つのパターンに分かれます。色の付いた領域が自組織で実施する領域です。
areas-heading = 領域
default-area = 既定の領域
in-house = 自組織で実施
outsourced = 専門組織に委託
axis-outsource = アウトソース
axis-insource = インソース

## Assessment form
new-heading = 新しい評価
edit-heading = 評価の設定
organization = 組織名
title = タイトル
date = 実施日
current-pattern = 現在のパターン
target-pattern = 目標のパターン
target-level = 目標レベル
target-level-help = 改善点は、目標のパターンで想定される実施形態がこのレベルに届いていない役割です。
plan-settings = 改善計画に示す範囲
plan-settings-help = 報告書と結果画面の改善計画に示す件数と、目標レベルとの差の下限です。結果の JSON には常にすべての改善ポイントが入ります。
plan-size = 示す件数（1〜500）
plan-min-gap = 目標レベルとの差がこれ未満の役割は省く（0〜5、小数 1 桁まで）
areas-intro = 役割ごとの領域です。既定の割り当ては例示なので、自組織の実態に合わせて変更できます。
role = 役割
area = 領域
save = 保存
cancel = キャンセル
form-has-errors = 入力内容を確認してください。
err-organization = 組織名を入力してください。
err-date = 日付は YYYY-MM-DD の形で、実在する日付を入力してください。
err-pattern = パターンを選んでください。
err-target-level = 目標レベルは 1〜5 から選んでください。
err-plan-size = 1 から 500 までの整数を入力してください。
err-plan-min-gap = 0 から 5 までの数（小数 1 桁まで。例: 0.5）を入力してください。
err-area = 領域は I〜IV から選んでください。
err-too-long = 長すぎます（200 文字まで）。
err-name-characters = 見えない制御文字（改行・タブや、文字の向きを変えて別の名前に見せる文字）が含まれています。削除してください。

## Assessment page
edit = 設定を変更
delete-assessment = この評価を削除
respondents-heading = 回答者
respondents-intro = 立場の異なる複数の人が回答すると、認識の差が見えるようになります。回答者ごとに自分のチェックシートがあります。
no-respondents = まだ回答者がいません。下のフォームから追加してください。
name = 名前
position = 立場
progress = 回答済み
open-sheet = チェックシートを開く
remove = 削除
## / At the top of every check sheet: who will see the answers (issue 22).
sheet-who-sees = この回答を見る人: 評価の担当者（所有者・評価者）は、あなたの各回答とメモをあなたの名前とともに見ます。ワークスペースの閲覧者は結果（あなたの名前の付いたレベルを含む）を見ますが、メモは見ません。ほかの回答者には、結果が共有されたときに全員の合計だけが見え、あなたの回答は見えません。
## / On every page that shows a link while isomm runs on this computer only (no --public-url).
links-local-only = このリンクはこのコンピューターでしか開けません（isomm が 127.0.0.1 で動いています）。同僚に送るには、isomm を同僚から届くアドレスで起動してください。例: isomm serve --bind 0.0.0.0:8080 --public-url http://このPCの名前かアドレス:8080 。起動し直したあと、リンクを作り直してください。
## / The login page while no account exists yet.
setup-in-terminal = まだアカウントがありません。最初のアカウントを作る設定用リンク（/setup/…）は、isomm serve を起動したターミナルに表示されています。そのリンクを開いてください（ターミナルを閉じた場合は isomm を起動し直すと新しいリンクが表示されます）。
add-respondent = 回答者を追加
add-many = まとめて追加
add-many-help = 1 行に 1 人、「名前, 立場」の形で入力します（例: 佐藤 健, 管理職）。立場は 管理職・リーダー・担当者・その他（manager, leader, staff, other でも可）。表計算ソフトの 2 列をそのまま貼り付けることもできます。どこかの行に誤りがあれば、誰も追加しません。
add-many-button = まとめて追加してリンクを作る
roster-lines = 回答者の一覧
links-heading = 新しい回答者の個別リンク
links-intro = それぞれのリンクを本人だけに送ってください。リンクはこの画面にしか表示されません。
## / Problems of a pasted list of respondents; $line is the line number.
roster-empty = 名前が 1 行もありません。1 行に 1 人、「名前, 立場」の形で入力してください。
roster-too-many = 一度に追加できるのは { $max } 行までです。一覧を分けてください。
roster-no-name = { $line } 行目: 名前がありません。「名前, 立場」の形で入力してください。
roster-name-too-long = { $line } 行目: 名前が長すぎます（{ $max } 文字まで）。
roster-name-character = { $line } 行目: 名前に使えない文字（改行や書式の制御文字）が含まれています。削除してください。
roster-no-position = { $line } 行目: 立場がありません。名前のあとに「, 担当者」のように書いてください。
roster-unknown-position = { $line } 行目: 立場「{ $given }」が分かりません。管理職・リーダー・担当者・その他のどれかにしてください。
roster-duplicate = { $line } 行目: { $first } 行目と同じ名前です。別の名前にしてください。
roster-taken = { $line } 行目: この名前の回答者はすでにいます。別の名前にしてください。
err-name = 名前を入力してください。
err-name-taken = この名前の回答者はすでにいます。別の名前にしてください。

## / The assessment has as many respondents as allowed, or no room left for text.
err-full = この評価にはこれ以上回答者を追加できません（回答者数または文字数の上限に達しました）。別の評価に分けてください。

## / A save that would take the assessment past its bound on text.
err-text-full = この評価の備考が上限の文字数に達したため保存できませんでした。備考を短くしてください。
home-older = さらに古い評価 →
home-newest = ← 最新の評価

## / Shown beside an overall maturity that is being computed again after a change.
overall-updating = 更新中
err-position = 立場を選んでください。
see-results = 結果を見る
overall = 総合成熟度

## Check sheet
sheet-heading = チェックシート
answered = 回答済み
advice-heading = チェックのしかた
not-answered = 未回答
note = 備考
save-sheet = まとめて保存
saved = 保存しました
saving = 保存中…
save-failed = 保存できませんでした。もう一度選んでください。
sheet-saved-banner = チェックシートを保存しました。
sheet-has-errors = 保存できない値があります。該当する役割を確認してください。
err-level = 0〜5 か「未回答」を選んでください。
err-note-too-long = 備考が長すぎます（2,000 文字まで）。
choose-level = レベルを選ぶと、その定義がここに表示されます。
keys-hint = レベルにマウスを重ねるか、下の「レベルの定義」を開くと、選ばずに定義を読めます。キーボードでは数字キー 0〜5 でレベルを選び、u で未回答に戻せます（矢印キーで移ったレベルは、止まったところだけが保存されます）。n キーでその役割のメモへ移ります（空のメモは Tab では飛ばします）。
only-unanswered = 未回答の役割だけ表示
compact-view = 表形式で表示
level-table = レベルの定義（0〜5）
back-to-assessment = 評価に戻る
expected-side = 現在のパターンで想定される実施形態

## Results
results-heading = 結果
series-heading = レーダーチャートに重ねる
series-respondents = 回答者ごと
series-positions = 立場ごと
downloads = ダウンロード
# The end of a downloaded file's name, after the organisation (and the title or the respondent).
file-report = 結果
file-roles = 役割別成熟度
file-radar = レーダーチャート
file-result = 結果データ
file-answers = 回答一覧
file-sheet = チェックシート
file-sheet-blank = チェックシート（空）
shared-heading = 全体の結果
shared-intro = 提出されたシートを合わせた結果です。一人ひとりの回答、名前、備考は含みません。
shared-positions = 立場別の成熟度
shared-no-positions = 立場別の数値は、どの立場にも提出済みの回答者が3人以上いる場合にだけ表示します。
shared-too-few = 全体の結果は、3人以上がシートを提出すると表示されます。
shared-back = 自分のチェックシートに戻る
see-shared = 全体の結果を見る
share-heading = 回答者への結果の共有
share-is-on = 提出した回答者は、全体の結果（合計の値だけ。個人の回答・名前・備考なし）を自分のリンクから見られます。全員が提出したあとに表示され、立場別の数値はどの立場にも3人以上いるときだけ表示されます。
share-is-off = 回答者は結果を見られません。共有すると、提出した回答者が全体の結果（合計の値だけ）を自分のリンクから見られます。
share-turn-on = 回答者に全体の結果を共有する
share-turn-off = 共有をやめる
invited-heading = 招待リンク
invited-intro = このリンクを招待する本人にだけ送ってください。開くと、このワークスペースに参加できます。アカウントを持っている人はログインしてから、持っていない人は名前とパスワードを決めてアカウントを作って参加します。本人が受け入れるまでメンバーにはなりません。リンクは7日間、1回だけ使えます
invited-once = リンクはこの画面でしか表示されません。なくした場合は、もう一度招待すると新しいリンクが作られ、前のリンクは使えなくなります。
invitation-heading = ワークスペースへの招待
invitation-intro = 名前とパスワードを決めると、アカウントが作られてこのワークスペースに参加します
invitation-button = アカウントを作って参加する
invitation-have-account = このメールアドレスのアカウントをすでに持っている場合は、先にログインしてください。そのアカウントで参加できます。
invitation-log-in = ログインして参加する
invitation-join-intro = この招待のメールアドレスでログインしています。今のアカウントでこのワークスペースに参加しますか。
invitation-join = ワークスペースに参加する
invitation-other-account = { $user } でログインしていますが、この招待は別のメールアドレス宛てです。ログアウトしてから、もう一度このリンクを開いてください。
err-email-taken-log-in = このメールアドレスのアカウントはすでにあります。そのアカウントでログインしてから、もう一度このリンクを開くと参加できます。
err-already-member = この人はすでにこのワークスペースのメンバーです。メンバー一覧でアクセス権を変更してください。
invitations-heading = 招待中
invitation-expires = 有効期限
invitation-cancel = 招待を取り消す
nav-admin = 管理
admin-heading = インスタンスの管理
admin-intro = このインスタンスのワークスペースとアカウントです。管理者は、メンバーでないワークスペースの評価を見ることはできません。
admin-workspaces = ワークスペース
admin-accounts = アカウント
admin-owner-email = オーナーのメールアドレス
admin-add-workspace = ワークスペースを作ってオーナーを決める
admin-workspace-help = 新しいワークスペースを作ります。アカウントのある人はすぐにオーナーになります。アカウントのない人には招待リンクが作られます（7日間有効、1回だけ）。
admin-badge = 管理者
admin-reset-help = パスワードを忘れた人のパスワードは、サーバーで isomm user reset-password メールアドレス を実行して設定し直してください（その人のセッションはすべて終了します）。
audit-instance-intro = インスタンス全体の記録です（ログイン、ログイン失敗、アカウントの作成、パスワードの変更・再設定など、どのワークスペースにも属さない操作）。新しいものが先です。
admin-audit-link = インスタンス全体の監査ログ
err-workspace-exists = この名前のワークスペースはすでにあります。別の名前にしてください（既存のワークスペースのメンバーは、そのオーナーがメンバーページで管理します）。
shared-waiting = 全体の結果は、3人以上の全員がシートを提出し、あなたのほかに2人以上が回答していると表示されます。一人ひとりの回答が結果から分からないようにするためです。
submitted-count = 提出済み
counting-heading = 集計の対象
counting-submitted = 提出済みのシートだけを集計しています。
counting-all = 回答中のシートも含めて集計しています。
counted = 集計した回答者
left-out = 集計から外した回答者（未提出）
include-in-progress = 回答中のシートも含める
submitted-only = 提出済みのシートだけにする
nothing-counted = まだ集計できるシートがありません。回答者が提出すると、ここに結果が出ます（回答中のシートを含めて見ることもできます）。

## Import
import-heading = 回答ファイルを取り込む
import-intro = isomm の回答ファイル（TOML または JSON の isomm-answers/1）、CSV ファイル、記入済みのチェックシート（.xlsx）から評価を作ります。
file = ファイル
csv-fields = CSV ファイルの場合の評価の設定（CSV には回答しか入っていないため）
csv-fields-help = CSV ファイルでは、組織名（必須）・タイトル・実施日・目標レベル・現在と目標のパターンをここで指定します。TOML・JSON・チェックシート（.xlsx）はファイル自身の値を使い、ここは使いません。取り込む内容は、新しい評価のフォームと同じように確認されます。
import-button = 取り込む
err-no-file = ファイルを選んでください。
err-file-type = 拡張子が .toml、.json、.csv、.xlsx のファイルを選んでください。
err-file-utf8 = ファイルが UTF-8 のテキストではありません。
offline-heading = Excel でオフライン記入
offline-intro = このチェックシートを Excel や LibreOffice で記入できます。記入したファイルをここでアップロードすると、この回答者の回答になります（すべての役割が置き換わります）。
download-filled = 現在の回答入りのシート（.xlsx）
download-blank = 空のシート（.xlsx）
upload-sheet = 記入したシート
upload-button = アップロードして回答にする
err-sheet-type = isomm のチェックシート（.xlsx）を選んでください。
err-sheet-other-respondent = このシートの回答者は「{ $sheet }」で、このページの「{ $page }」ではありません。シートの回答者の名前を「{ $page }」に戻してアップロードするか、{ $sheet } さんのページでアップロードしてください。
answers-csv = 回答（CSV）
members-heading = メンバー
members-intro = このワークスペースのメンバーと権限です。オーナーはすべて、評価担当者は評価・回答者・回答・結果、閲覧者は結果とレポートだけを扱えます。
members-help = アドレスを追加すると、アカウントの有無にかかわらず招待リンクが作られます（7日間有効、1回だけ）。本人が受け入れるとメンバーになります。isomm はメールを送らないので、リンクは本人に直接渡してください。
access = 権限
access-owner = オーナー
access-assessor = 評価担当者
access-viewer = 閲覧者
add-member = メンバーを追加
err-last-owner = 最後のオーナーは外したり権限を下げたりできません。先に別のオーナーを加えてください。
nav-members = メンバー
switch-workspace = 切り替える
audit-heading = 監査ログ
audit-intro = このワークスペースで行われた変更の記録です（新しい順）。記録は変更も削除もできません。
audit-time = 時刻
audit-zone = 時刻はワークスペースのタイムゾーン { $zone } で表示しています（オーナーがメンバーの画面で変えられます）。CSV には UTC とこのタイムゾーンの時刻を、時差とともに書き出します。
audit-actor = 実行者
audit-client = 接続元
audit-action = 操作
audit-subject = 対象
audit-old = 変更前
audit-new = 変更後
audit-exports = ダウンロード（すべての形式）
audit-actor-help = 名前、メールアドレスの一部でも探せます
audit-all-actions = すべての操作
audit-filter = 絞り込む
audit-empty = 該当する記録はありません。
audit-older = さらに古い記録
nav-audit = 監査ログ
link-heading = 回答用リンク
link-intro = このリンクを回答者本人にだけ送ってください。リンクを開いた人は、アカウントなしでこの回答者のチェックシートに回答できます（ほかの人の回答や結果は見えません）。
link-once = このリンクが表示されるのは今だけです。なくした場合は、評価のページで新しいリンクを発行してください（古いリンクは使えなくなります）。
copy = コピー
new-link = 新しいリンク
revoke-link = リンクを無効にする
reopen-sheet = 提出を取り消して再開
mark-submitted = 提出済みにする
mark-submitted-hint = 紙やファイルで受け取ったシートなど、回答者に代わって提出済みにします（結果に数えられます）
col-link = リンク
col-status = 状態
status-not-started = 未着手
status-in-progress = 回答中
status-submitted = 提出済み
link-active = 発行済み
link-none = なし
submit-heading = 回答の提出
submit-intro = 提出すると、評価担当者が結果に含めます。提出後に変更するには、評価担当者に再開を依頼してください。
submit-button = 提出する
unanswered-left = 未回答の役割
submitted-banner = 提出しました。ありがとうございました。変更が必要な場合は、評価担当者に再開を依頼してください。
err-submitted = このチェックシートは提出済みのため変更できません。評価担当者に再開を依頼してください。
err-submitted-reopen = このシートは提出済みです。変えるには、先に「提出前に戻す」を選んでください（確認のあと、監査ログに残ります）。
## / An assessor opens a submitted sheet: $time when, $by who submitted it.
sheet-submitted-by = 提出済み: { $time }、{ $by }。
sheet-submitted-at = 提出済み: { $time }。
sheet-link-gone = このリンクは使えなくなりました。保存されていません。評価の担当者に新しいリンクを依頼してください。
submitted-by-respondent = 回答者本人が提出
account-heading = アカウント
change-password = パスワードを変更
current-password = 現在のパスワード
password-again = 新しいパスワード（確認）
password-changed = パスワードを変更しました。ほかの端末のログインは終了しました。
err-current-password = 現在のパスワードが違います。
err-password-mismatch = 新しいパスワードが一致しません。
setup-heading = 最初の管理者アカウントを作成
setup-intro = この isomm にはまだアカウントがありません。管理者のアカウントと、最初のワークスペース（自己評価する組織）を作成します。このページのリンクは一度だけ使えます。
your-name = 氏名
workspace-name = ワークスペース名
workspace-help = 自己評価する組織の名前（例: ○○株式会社 SOC）。コンサルタントの方は顧客ごとに作成できます。
new-password = パスワード
password-help = 12文字以上。推測されにくい、関係のない単語を並べた長いフレーズがおすすめです。
setup-button = 作成してログイン
err-email = メールアドレスを正しく入力してください。
err-person-name = 氏名を入力してください（1 行・200 文字まで、制御文字なし）。
err-workspace-name = ワークスペース名を入力してください（1 行・200 文字まで、制御文字なし）。
err-password-short = パスワードは12文字以上にしてください。
err-password-long = パスワードは256文字以内にしてください。
err-password-guessable = このパスワードは推測されやすいです（よく使われる語、名前、キーボードの並び、メールアドレスなど）。関係のない単語を並べた長いフレーズにしてください。
err-email-taken = このメールアドレスのアカウントはすでにあります。
login-heading = ログイン
login-intro = isomm のアカウントの メールアドレスとパスワードを入力してください。回答者の方は、評価担当者から届いた専用リンクを開いてください。
email = メールアドレス
password = パスワード
login-button = ログイン
logout-button = ログアウト
login-failed = メールアドレスかパスワードが違います。

# The audit log's actions, by their codes (audit.rs, ACTIONS).
audit-account-create = アカウントの作成
audit-account-password = パスワードの変更
audit-answer-save = 回答の保存
audit-answer-upload = シートの取り込み
audit-assessment-adopt = 評価の引き継ぎ（アカウント導入前の評価）
audit-assessment-create = 評価の作成
audit-assessment-delete = 評価の削除
audit-assessment-edit = 評価の編集
audit-assessment-import = 評価の取り込み
audit-assessment-share = 結果の共有の設定
audit-audit-prune = 監査ログの古い行を削除（isomm audit prune）
audit-export-answers = 回答 CSV のダウンロード
audit-export-audit = 監査ログのダウンロード
audit-export-sheet = 回答者のシートのダウンロード
audit-invitation-accept = 招待の受諾
audit-invitation-cancel = 招待の取り消し
audit-invitation-create = 招待の作成
audit-link-issue = 回答用リンクの発行
audit-link-revoke = 回答用リンクの無効化
audit-login = ログイン
audit-login-failed = ログインの失敗
audit-logout = ログアウト
audit-member-remove = メンバーの削除
audit-member-set = メンバーの追加・アクセスの変更
audit-respondent-add = 回答者の追加
audit-respondent-remove = 回答者の削除
audit-sheet-reopen = シートの再開
audit-sheet-submit = シートの提出
audit-workspace-create = ワークスペースの作成
audit-workspace-time-zone = タイムゾーンの変更
audit-export-report = レポート（{ $format }）のダウンロード
## / Deadlines and the workspace's time zone (issue 22)
deadline = 回答期限
## / $zone: the workspace's time zone, an IANA name such as Asia/Tokyo.
deadline-help = 任意。この日の終わり（{ $zone }）までに提出してもらいます。シートと回答者へのメッセージに表示されます。
err-deadline = 回答期限は YYYY-MM-DD の形で、実在する日付を入力してください。
deadline-on = { $date } まで（{ $zone }）
deadline-days-left = あと { $days } 日
deadline-today = 今日まで
deadline-passed = 期限を過ぎました
late-heading = 期限を過ぎて未提出の人
late-none = 全員が提出しました。
home-late = 期限切れ・未提出 { $count } 人
time-zone = タイムゾーン
time-zone-help = 回答期限と監査ログの時刻は、このタイムゾーンで表示します。Asia/Tokyo のような IANA 名で入力してください。
err-time-zone = このタイムゾーンは見つかりません。Asia/Tokyo のような IANA 名で入力してください。
time-zone-saved = タイムゾーンを保存しました。
## / The message to send with each private link (issue 22). isomm sends no e-mail: the assessor
## / copies it into their own mail or chat. $name: the respondent; $sender: the assessor.
message-intro = それぞれのリンクに、送るためのメッセージを添えています。コピーして、ご自分のメールやチャットで本人に送ってください（isomm はメールを送りません）。
message-label = 送るメッセージ
message-other = English の文面
copy-link = リンクをコピー
copy-message = メッセージをコピー
all-messages = 全員分のメッセージ
all-messages-help = 全員分を一度にコピーして、差し込みや一斉送信に使えます。
copy-all = すべてコピー
message-greeting = { $name } さん
## / $low and $high: minutes, from the number of roles ($roles).
message-ask = { $organization } のセキュリティ対応組織（SOC／CSIRT）の成熟度を、ISOG-J のセルフチェックシート（ISOMM）で確認します。ご協力をお願いします。{ $roles } の役割それぞれについて、組織内で行っている度合い（インソース）と外部に任せている度合い（アウトソース）を 0〜5 で選びます。所要時間は約 { $low }〜{ $high } 分です。回答は自動で保存されるので、途中でやめて後から続けられます。
message-ask-titled = { $organization } のセキュリティ対応組織（SOC／CSIRT）の成熟度を、ISOG-J のセルフチェックシート（ISOMM）で確認します（{ $title }）。ご協力をお願いします。{ $roles } の役割それぞれについて、組織内で行っている度合い（インソース）と外部に任せている度合い（アウトソース）を 0〜5 で選びます。所要時間は約 { $low }〜{ $high } 分です。回答は自動で保存されるので、途中でやめて後から続けられます。
message-deadline = 回答期限: { $date } の終わりまで（{ $zone }）
message-who-sees = 回答とメモは、{ $sender } をはじめ評価の担当者が、あなたの名前とともに見ます（ワークスペースの閲覧者は、メモを除く結果をあなたの名前とともに見ます）。ほかの回答者に見えるのは全員の合計だけで、それも共有されたときに限ります。感じているとおりに答えていただくことが、組織の強みと弱みを正しく映します。
message-link = あなた専用の回答リンクです（ほかの人には転送しないでください）:
message-sign = { $sender }
## / Confirmations of writes that lose something (issue 22); $name: the respondent, or the organisation of an assessment.
confirm-cancel = やめる
confirm-new-link-heading = { $name } さんに新しいリンクを発行しますか？
confirm-new-link = 今のリンクは使えなくなります。新しいリンクは次の画面に一度だけ表示されるので、本人に送り直してください。これまでの回答は残ります。
confirm-new-link-button = 新しいリンクを発行する
confirm-revoke-heading = { $name } さんのリンクを無効にしますか？
confirm-revoke = このリンクでは回答できなくなります。これまでの回答は残り、あとで新しいリンクを発行できます。
confirm-revoke-button = リンクを無効にする
confirm-reopen-heading = { $name } さんのシートを提出前に戻しますか？
confirm-reopen = このシートは結果に数えられなくなり、本人がリンクから回答を変えられるようになります（評価者も変えられます）。変更はすべて監査ログに残ります。
confirm-reopen-button = 提出前に戻す
confirm-remove-heading = { $name } さんを回答者から外しますか？
confirm-remove = この人の回答とメモはすべて削除され、元に戻せません。リンクも使えなくなります。
confirm-remove-button = 回答者から外す
confirm-delete-heading = 「{ $name }」の評価を削除しますか？
confirm-delete = すべての回答者とその回答、メモが削除され、元に戻せません。
confirm-delete-button = 評価を削除する
