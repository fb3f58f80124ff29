# The reports (HTML, PDF, Excel, the results page's report): every word they print (isomm-report).
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

lang = ja
report-title = セキュリティ対応組織 成熟度セルフチェック結果
organization = 組織
title = タイトル
date = 実施日
model = モデル
current-pattern = 現在のパターン
target-pattern = 目標のパターン
target-level = 目標レベル
in-house-areas = 自組織で実施する領域
outsourced-areas = 専門組織に委託する領域
none = なし
overall = 総合成熟度
overall-note = 0〜5。判定対象の全役割の平均
respondents = 回答者
position = 立場
answered = 回答済み役割
radar-heading = 機能別レーダーチャート
radar-note = 値のない機能では線を切っています（0 ではありません）。赤い点線は目標レベルです。
series-combined = 総合
series-insource = インソース
series-outsource = アウトソース
table-heading = レーダーチャートの数値一覧
function = 機能
maturity = 成熟度
insource = インソース
outsource = アウトソース
roles-counted = 判定対象の役割
roles-not-applicable = 対象外（0点）
strengths = 相対的な強み
weaknesses = 相対的な弱み
strengths-note = この組織の中で成熟度の高い機能（最大 3 つ）と、目標レベルとの差
weaknesses-note = 強みを除き、この組織の中で成熟度の低い機能（最大 3 つ）と、目標レベルとの差
strong-roles = 成熟度 4.0 以上の役割
weak-roles = 成熟度 2.0 以下の役割
roles-heading = 役割別成熟度グラフ
roles-note = 棒の長さは役割の成熟度、色と値の後の一文字（内・外・両・未）は回答された実施形態を表します。点線は目標レベルです。
legend-insourced = インソースのみ
legend-outsourced = アウトソースのみ
legend-both = 両方
legend-unanswered = 未回答（1点として計算）
legend-target = 目標レベル
# Written after each role's value (and before its legend entry), so that bars can be told apart
# without their colour (a print in black and white).
mark-insourced = 内
mark-outsourced = 外
mark-both = 両
mark-unanswered = 未
not-applicable = 対象外
role = 役割
area = 領域
level = 成熟度
sourcing = 実施形態
mismatches-heading = 現在のパターンとの不一致
mismatches-note = 現在のパターンで想定される実施形態では回答がなく、もう一方の実施形態だけで回答された役割です。パターンの認識か役割分担を確認してください。
mismatches-none = 不一致はありません。
expected = パターン上の想定
actual = 回答された実施形態
improvements-heading = 将来に向けての改善点
improvements-note = 目標のパターンで想定される実施形態について、目標レベルとの差が大きい順です。実施形態が変わる役割は優先度を 1 加えています。
improvements-none = 目標レベルに届いていない役割はありません。
rank = 順位
side = 実施形態
gap = 差
now = 現状
priority = 優先度
reason = 理由
gaps-heading = 回答者間の認識の差
gaps-note = 同じ役割について回答者間で 2 点以上の差がある役割です。立場による認識の差を話し合うきっかけにしてください。
gaps-none = 2 点以上の認識の差はありません。
lowest = 最低
highest = 最高
spread = 差
positions-heading = 立場別の成熟度
positions-note = 同じ立場の回答者だけで計算した機能別の成熟度です。
advice-heading = 結果を読むときの注意（ISOG-J）
advice-1 = 2〜3年で担当が入れ替わる組織では、担当が変わった直後は点数が低めに出る傾向があります。
advice-2 = 管理職やリーダーの採点は高めに、担当者の採点は低めになる傾向があります。
advice-3 = アウトソースしている項目は高めに点がつく傾向があります。
about-heading = この結果について
about = この結果は isomm が公開されたルール（ISOG-J「セキュリティ対応組織成熟度セルフチェックシート（ISOMM）」の紹介資料に基づく R1〜R12）で計算したもので、ISOG-J の Excel シートの計算式を写したものではありません。役割と領域の対応は例示であり、評価ごとに変更できます。
generated-by = isomm で作成
none-dash = —
summary-heading = 要約
top-actions = まず取り組むこと
changes-heading = パターンの変化
largest-gap = 最も大きい認識の差
counted = 集計した回答者
plan-more = 残りの改善ポイント
# 回答者が 10 人を超えるとき、一覧は巻末の付録に置く。
appendix = 付録
respondents-in-appendix = 回答者 { $count } 人の一覧は、巻末の付録にあります。
# PDF で 1 行の中に収める語句 (typst の正規表現、| で区切る): レベルとその数字、「回答なし」、目標までの差、
# 文末の「です。」「ます。」、実施形態とその値。
keep-together = （レベル [0-9]）へ。|レベル [0-9]|回答なし|目標まであと [0-9.]+|(インソース|アウトソース) [0-9.]+|です。|ます。
# PDF の付録: 回答者ごとの全回答とメモ (結果の閲覧者には出さない)。
answers-heading = 回答とメモ
answers-note = 回答者ごとの、役割別の回答（内＝インソース、外＝アウトソース。— は未回答、0 は検討の結果実施しないと判断）とメモです。
answers-in-workbook = 回答者が { $count } 人のため、回答とメモの一覧は PDF に載せていません。ワークブック（XLSX）の回答のシートにあります。
thin-note = * は、複数の回答者のうち 1 人以下の回答（0 を除く）だけで決まった値です。
notes = 回答者のメモ
axis-outsource = アウトソース
axis-insource = インソース
gaps-filter = 差の大きさで絞り込む
gaps-all = すべて
plan-all-points = 取り組み
to-target = 目標との差
colon = {"："}

# Punctuation of the language, asked for by key: code never chooses it by language.
list-separator = {"、"}
sentence-gap = {""}
# A person with their position.
who = { $name }（{ $position }）
# An area with its name.
area-named = { $area }「{ $name }」

## The trend of rounds (isomm trend --format svg)
trend-heading = 成熟度の推移
trend-note = 点は回ごとの値で、日付の順に並びます（日付のない回は最後に、指定した順に並びます）。値のない回では線が途切れます（0 ではありません）。赤い破線は各回の目標レベルです。
trend-no-date = 日付なし
trend-no-value = 値なし
# Between the charts in the text alternative.
trend-separator = {"。"}
# Under a round in the chart of the overall.
trend-round = 第{ $round }回
# A round's value in words, in the chart's text alternative.
trend-point = 第{ $round }回 { $value }
trend-point-dated = 第{ $round }回（{ $date }）{ $value }
