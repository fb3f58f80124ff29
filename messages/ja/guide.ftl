# The instructions sheet, first in the offline check sheet (.xlsx: isomm template and the web's
# per-respondent sheet): how to fill it in and score, the level table, the areas and patterns, how
# the sheet goes back (isomm-report, guide.rs). The seed's advice and FAQ in our own words.
# Arguments: names of the other sheets and their columns ($assessment, $answers, $value, $insource,
# $outsource, $note), the catalog's counts ($functions, $roles), the web page's words ($section,
# $field, $button) and address ($address). { sheet } and { levels-heading } are messages of this file.

## The sheet's name: at most 31 characters, none of : \ / ? * [ ].
sheet = 記入のしかた
intro = セキュリティ対応組織（SOC/CSIRT）が担う { $functions } の機能と { $roles } の役割のそれぞれについて、いまどこまでできているかを自分で確かめるチェックシートです。このシートを読んでから、「{ $assessment }」シートと「{ $answers }」シートに記入してください。

steps-heading = 記入の手順
steps-1 = 「{ $assessment }」シートの「{ $value }」の列に、組織名、実施日、現在と目標のパターン（下の「{ patterns-heading }」）、目標レベル、あなたの名前と立場を記入します。
steps-2 = 「{ $answers }」シートで役割ごとに、自組織で実施している分は「{ $insource }」の列に、外部の事業者に任せている分は「{ $outsource }」の列に、下の「{ levels-heading }」からレベル（0〜5）を選びます。セルを選ぶと一覧から選べます。
steps-3 = 補足があれば「{ $note }」の列に書きます。
## The last step: how the filled-in sheet goes back. From `isomm template`:
back-command = 保存したファイルを、このシートを配った人に返します。返されたシートは isomm report ファイル名.xlsx で読み込まれ、結果になります（複数の人のシートはまとめて読み込めます）。
## From the web page of a respondent's private link (its address is not written into the file):
back-page = 保存したら、このシートをダウンロードしたページ（あなた専用のリンク）をもう一度開き、「{ $section }」の「{ $field }」でこのファイルを選んで「{ $button }」を押します。すべての役割がこのシートの回答に置き換わります。組織名・パターン・目標レベルなど評価の設定と、あなたの立場はこのファイルからは取り込まれません。変えるときは評価を行う人に伝えてください。
## From the web page of an assessor, $address being that page:
back-address = 保存したら、このシートをダウンロードしたページ { $address } を開き、「{ $section }」の「{ $field }」でこのファイルを選んで「{ $button }」を押します。すべての役割がこのシートの回答に置き換わります。組織名・パターン・目標レベルなど評価の設定と、あなたの立場はこのファイルからは取り込まれません。変えるときは評価を行う人に伝えてください。

scoring-heading = 点の付け方
scoring-1 = 判断も何もせずに「何もしていない」場合や、現状を把握できておらず「わからない」場合は 1 を選びます。空欄のままの役割も 1 として計算されます。
scoring-2 = 検討した結果「実施しない」と決めた場合は 0 です（その役割は評価の対象外になります）。
scoring-3 = 自組織と外部の事業者の両方で実施している役割は、「{ $insource }」と「{ $outsource }」の両方に点を付けます（高い方が使われます）。片方だけで実施している役割は、その側だけに付けます。
scoring-4 = 点は回答する人の立場によって変わります。立場による認識の差を見るためのチェックなので、ほかの人と相談して合わせずに、一人ひとりが自分の立場から回答してください。
scoring-5 = できて間もない組織では「わからない」「できていない」が多いのは当然です。ありのままをチェックしましょう。

levels-heading = レベルの定義
levels-intro = 「{ $insource }」は自組織で実施している分の成熟度、「{ $outsource }」は外部の事業者に任せている分をどこまで理解し確認できているかを表します。
level = レベル

areas-heading = 4 つの領域
areas-intro = どの役割も、次の 4 つの領域のどれかに属します。
area = 領域

patterns-heading = 組織のパターン
patterns-intro = パターンは、4 つの領域のうちどれを自組織で実施するかを表します。ほかの領域は外部の専門組織に任せます。「{ $assessment }」シートで現在のパターンと目標のパターンを選ぶと、役割ごとに期待される側（自組織で実施する領域の役割は「{ $insource }」、ほかは「{ $outsource }」）が決まり、結果はその側の点から改善点を示します。
pattern = パターン
in-house = 自組織で実施する領域

## The input message of an answer cell (at most 255 characters).
prompt = 0〜5 から選びます（空欄は未回答）。各レベルの意味は「{ sheet }」シートの「{ levels-heading }」にあります。
## Under the title of the assessment sheet.
see-guide = 点の付け方、レベルの定義、記入したシートの返し方は「{ sheet }」シートにあります。
