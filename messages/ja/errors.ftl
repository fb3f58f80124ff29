# Error pages of the web application (isomm-web, error.rs): what went wrong and what to do.

error-not-found = ページが見つかりません。
error-link-gone = このリンクは使えません。無効にされたか、新しいリンクに置き換えられたか、途中までしかコピーされていません。評価の担当者に新しいリンクを依頼してください。
error-csrf = フォームの有効期限が切れています。ページを読み込み直してから、もう一度送信してください。
error-bad-request = リクエストを処理できません。
error-too-large = ファイルが大きすぎます。
error-form-too-large = このフォームは isomm が受け付ける大きさを超えています。ページを再読み込みしてもう一度送信してください。それでも送れない場合は、メモを短くしてください。
error-bad-body = フォームまたはファイルが途中までしか届きませんでした。もう一度送信してください。
error-busy = サーバーが混み合っています。少し待ってから、もう一度お試しください。
error-unavailable = データベースに接続できません。少し待ってから、もう一度お試しください。
error-misdirected-host = このアドレスでは isomm にアクセスできません。管理者が案内した URL（--public-url で設定したもの）でアクセスしてください。
error-cross-origin = 他のサイトから送信されたフォームは受け付けません。isomm のページから送信してください。
error-login-needed = ログインしてください。
error-forbidden = このワークスペースでのあなたの権限では、この操作はできません。ワークスペースのオーナーに依頼してください。
error-no-workspace = 作業するワークスペースがありません。ワークスペースのオーナーに招待してもらうか、管理者に依頼してください。
error-submitted = このチェックシートは提出済みのため変更できません。評価担当者に再開を依頼してください。
error-submitted-reopen = このシートは提出済みです。変えるには、評価のページかシートの「提出前に戻す」で先に再開してください。
error-round-closed = この回は締めてあります。締めたときの結果を保ち、もう変わりません。回答は次の回に入れてください。
error-incomparable = この 2 つの回は比較できません。別のモデル（機能や役割が違うもの）で計算されています。同じモデルの回どうしを比較してください。
error-too-many-attempts = ログインの失敗が続いたため、しばらく受け付けません。時間をおいてから、もう一度お試しください。
error-slow-down = このリンクからの保存が短い間に多すぎます。少し待ってください。シートは自動で保存し直します。
error-timeout = 処理に時間がかかりすぎたため中止しました。もう一度送信してください。繰り返す場合は、時間をおくか、小さなファイルでお試しください。
error-server = サーバーで問題が発生しました。
# The limit of a refused file: $max is the size, as "2 MiB".
error-too-large-limit = 上限 { $max }
# Headings of the error pages.
error-title-not-found = ページが見つかりません
error-title-link-gone = このリンクは使えません
error-title-submitted = 提出済みのシートです
error-title-round-closed = この回は締めてあります
error-title-refused = この操作はできません
error-title-wait = 少し待ってからもう一度
error-title-server = isomm で問題が起きました
error-title-not-accepted = 送られた内容を受け付けられません
