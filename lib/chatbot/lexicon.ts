// A thesaurus of the vaccination-booking domain: each concept with the ways residents write
// it — kanji, kana readings (for messages typed in hiragana only), katakana, everyday
// synonyms and English words. Both the FAQ and the question are mapped to these concepts, so
// 「せっしゅけん なくした」 meets 「接種券を紛失した」 and "lost my voucher" meets both.
// Domain words only: wording of particular questions belongs in the FAQ's 言い換え.
//
// Rules for entries: a kana-only surface shorter than 4 characters matches only where a word
// can start (phrase start, after kanji/katakana, or after a particle), since it would
// otherwise match inside unrelated words (「もらいたい」 is not 「痛い」); avoid kana surfaces that
// are also common grammar (「いいん(です)」, 「してい(る)」). English surfaces are single words or
// short phrases, matched after the light stemming in analyze.ts.

export const LEXICON: Readonly<Record<string, readonly string[]>> = {
  vaccination: ["ワクチン", "わくちん", "接種", "せっしゅ", "予防接種", "注射", "ちゅうしゃ", "打つ", "打ちたい", "うちたい", "打てる", "うてる", "vaccine", "vaccination", "vaccinated", "shot", "jab", "injection", "covid"],
  booking: ["予約", "よやく", "申込", "もうしこみ", "もうしこむ", "予約枠", "book", "booking", "reservation", "reserve", "appointment", "slot", "register", "sign up"],
  cancel: ["キャンセル", "取消", "とりけし", "取りやめ", "とりやめ", "やめたい", "やめる", "やめます", "行けなくなった", "いけなくなった", "行けなくなり", "行けない", "いけない", "辞退", "cancel", "cancellation", "call off"],
  change: ["変更", "へんこう", "変えたい", "かえたい", "変える", "かえる", "変えられ", "かえられ", "ずらし", "ずらす", "ずらせ", "振替", "別の日", "べつのひ", "日にち", "ひにち", "日程", "にってい", "change", "reschedule", "modify", "move", "another day", "different day", "different date"],
  confirm: ["確認", "かくにん", "確かめ", "たしかめ", "できているか", "できてるか", "取れているか", "取れてるか", "とれてるか", "見たい", "見られ", "check", "confirm", "confirmation", "see my", "view"],
  reservationNumber: ["予約番号", "よやくばんごう", "reservation number", "booking number", "confirmation number"],
  login: ["ログイン", "ろぐいん", "入れない", "はいれない", "入れません", "はいれません", "サインイン", "パスワード", "エラー", "えらあ", "ロック", "ろっく", "login", "log in", "sign in", "password", "error", "locked"],
  full: ["空き", "あき", "空いて", "満員", "まんいん", "満席", "まんせき", "いっぱい", "埋まって", "うまって", "取れない", "とれない", "取れません", "とれません", "キャンセル待ち", "きゃんせるまち", "枠がない", "full", "no slot", "availability", "available", "waitlist", "waiting list"],
  opening: ["いつから", "開始", "かいし", "始まる", "はじまる", "受付開始", "解禁", "start", "open", "begin", "when can"],
  family: ["家族", "かぞく", "夫", "おっと", "妻", "つま", "両親", "りょうしん", "父", "ちち", "母", "はは", "親", "祖父", "祖母", "おじいちゃん", "おばあちゃん", "夫婦", "ふうふ", "一緒", "いっしょ", "同時予約", "何人", "なんにん", "複数", "ふくすう", "family", "together", "wife", "husband", "spouse", "parents", "mother", "father", "grandmother", "grandfather"],
  proxy: ["代理", "だいり", "代わり", "かわり", "代行", "代わって", "かわって", "本人以外", "on behalf", "for someone", "for my"],
  setBooking: ["セット予約", "まとめて", "一度に", "いちどに", "両方", "りょうほう", "2回分", "二回分", "1回目と2回目", "both doses", "together with second", "at once"],
  dose1: ["1回目", "一回目", "いっかいめ", "初回", "しょかい", "1st", "first dose", "first shot"],
  dose2: ["2回目", "二回目", "にかいめ", "2nd", "second dose", "second shot"],
  booster: ["追加接種", "ついかせっしゅ", "3回目", "三回目", "さんかいめ", "4回目", "ブースター", "booster", "third dose", "3rd"],
  sameDay: ["当日", "とうじつ", "今日", "きょう", "本日", "ほんじつ", "当日予約", "今から", "いまから", "same day", "same-day", "today", "right now"],
  voucher: ["接種券", "せっしゅけん", "券", "クーポン", "くうぽん", "くぽん", "接種券番号", "券番号", "けんばんごう", "封筒", "ふうとう", "voucher", "coupon", "ticket", "vaccination ticket"],
  voucherNumber: ["接種券番号", "せっしゅけんばんごう", "券番号", "けんばんごう", "10桁", "じゅっけた", "番号", "ばんごう", "voucher number", "number", "digit"],
  lost: ["紛失", "ふんしつ", "なくし", "なくした", "なくなっ", "なくなった", "見当たらない", "みあたらない", "見つからない", "みつからない", "捨て", "すて", "破れ", "やぶれ", "汚れ", "よごれ", "再発行", "さいはっこう", "どこかに行っ", "どこかにいっ", "どっかいっ", "どっか行っ", "lost", "lose", "missing", "misplace", "threw away", "reissue", "replace", "replacement"],
  notArrived: ["届かない", "とどかない", "届いていない", "とどいていない", "届いてない", "とどいてない", "届きません", "とどきません", "来ない", "こない", "来てない", "きてない", "来ていない", "きていない", "まだ来", "まだ届", "郵送", "ゆうそう", "発送", "はっそう", "送られ", "おくられ", "ポスト", "ぽすと", "arrive", "arrived", "not received", "received", "didn't get", "have not got", "mail", "sent"],
  moving: ["引越", "ひっこし", "ひっこした", "転入", "てんにゅう", "転出", "てんしゅつ", "転居", "てんきょ", "越してき", "こしてき", "移り住", "moved", "moving", "relocate", "new address"],
  outOfArea: ["住所地外", "じゅうしょちがい", "じゅうしょちそと", "住民票", "じゅうみんひょう", "単身赴任", "たんしんふにん", "里帰り", "さとがえり", "帰省", "きせい", "実家", "じっか", "市外", "しがい", "他の市", "ほかのし", "よその", "他市", "別の市", "住んでいない", "すんでいない", "住民じゃない", "住所がない", "resident registration", "outside", "another city", "other city", "not a resident", "live elsewhere", "registered address"],
  bring: ["持ち物", "もちもの", "持っていく", "もっていく", "持って行", "持参", "じさん", "必要なもの", "ひつようなもの", "要るもの", "いるもの", "何がいる", "忘れ", "わすれ", "bring", "take with", "need to bring", "what to bring", "forgot", "forget"],
  idDocument: ["本人確認", "ほんにんかくにん", "身分証", "みぶんしょう", "身分証明", "免許証", "めんきょしょう", "運転免許", "保険証", "ほけんしょう", "マイナンバー", "まいなんばあ", "まいなんば", "マイナ", "パスポート", "ぱすぽと", "在留カード", "identification", "identity", "id card", "passport", "driver license", "driving licence", "license", "licence", "residence card", "my number", "insurance card"],
  screeningForm: ["予診票", "よしんひょう", "問診票", "もんしんひょう", "問診", "もんしん", "予診", "よしん", "questionnaire", "screening form", "medical form", "form"],
  medicineNotebook: ["お薬手帳", "おくすりてちょう", "薬手帳", "medicine notebook", "medication record"],
  afterVaccination: ["接種後", "せっしゅご", "接種した後", "接種したあと", "せっしゅしたあと", "打った後", "打ったあと", "うったあと", "after vaccination", "after the shot", "after the vaccine", "after the vaccination"],
  sideEffect: ["副反応", "ふくはんのう", "副作用", "ふくさよう", "腫れ", "はれ", "腫れた", "痛み", "いたみ", "痛い", "いたい", "だるい", "だるさ", "倦怠感", "頭痛", "ずつう", "筋肉痛", "しびれ", "side effect", "side effects", "adverse", "reaction", "sore", "swelling", "pain", "headache", "tired"],
  fever: ["熱", "ねつ", "発熱", "はつねつ", "高熱", "微熱", "びねつ", "37.5", "解熱", "げねつ", "fever", "temperature"],
  painkiller: ["解熱剤", "げねつざい", "市販", "しはん", "解熱鎮痛剤", "鎮痛剤", "ちんつうざい", "痛み止め", "いたみどめ", "カロナール", "かろなる", "ロキソニン", "ろきそにん", "アセトアミノフェン", "painkiller", "paracetamol", "acetaminophen", "ibuprofen", "medicine for fever"],
  emergency: ["救急", "きゅうきゅう", "救急車", "119", "息苦しい", "いきぐるしい", "呼吸", "こきゅう", "意識", "いしき", "胸が痛", "動悸", "どうき", "アナフィラキシー", "あなふぃらきし", "じんましん", "蕁麻疹", "emergency", "ambulance", "breathing", "chest pain", "anaphylaxis", "hives"],
  consult: ["相談", "そうだん", "相談窓口", "窓口", "まどぐち", "心配", "しんぱい", "不安", "ふあん", "consult", "advice", "helpline", "worried", "worry"],
  sick: ["体調", "たいちょう", "体調不良", "具合", "ぐあい", "風邪", "かぜ", "咳", "せき", "しんどい", "病気", "びょうき", "sick", "ill", "unwell", "cold", "not feeling well"],
  parking: ["駐車場", "ちゅうしゃじょう", "駐車", "車", "くるま", "自動車", "じどうしゃ", "マイカー", "まいか", "駐輪", "ちゅうりん", "自転車", "じてんしゃ", "バイク", "parking", "park", "car", "drive", "bicycle", "bike"],
  access: ["アクセス", "あくせす", "行き方", "いきかた", "行けば", "バス", "電車", "でんしゃ", "駅", "えき", "最寄り", "もより", "徒歩", "とほ", "タクシー", "たくしい", "道順", "地図", "ちず", "access", "directions", "bus", "train", "station", "walk", "taxi", "map", "how to get"],
  venue: ["会場", "かいじょう", "接種会場", "場所", "ばしょ", "どこで", "病院", "びょういん", "クリニック", "くりにっく", "医院", "体育館", "たいいくかん", "集団接種", "しゅうだんせっしゅ", "venue", "place", "location", "vaccination site", "vaccine site", "clinic", "hospital", "where"],
  familyDoctor: ["かかりつけ", "かかりつけ医", "内科", "医者", "いしゃ", "お医者さん", "町医者", "主治医", "しゅじい", "近所の病院", "近くの病院", "ちかくのびょういん", "個別接種", "こべつせっしゅ", "いつもの病院", "family doctor", "my doctor", "local clinic", "gp"],
  barrierFree: ["車いす", "くるまいす", "介助", "かいじょ", "付き添い", "つきそい", "付添", "バリアフリー", "ばりあふり", "障害", "しょうがい", "歩けない", "あるけない", "足が悪", "杖", "つえ", "エレベーター", "wheelchair", "assistance", "disability", "disabled", "accessible", "caregiver", "escort"],
  duration: ["所要時間", "しょようじかん", "何分前", "なんぷんまえ", "何分", "なんぷん", "どのくらい", "どれくらい", "どれぐらい", "時間がかかる", "じかんがかかる", "かかる時間", "待ち時間", "まちじかん", "経過観察", "けいかかんさつ", "15分", "30分", "早めに", "はやめに", "how long", "how early", "minutes", "wait", "take time"],
  late: ["遅刻", "ちこく", "遅れ", "おくれ", "遅れる", "おくれる", "間に合わない", "まにあわない", "late", "delay", "delayed", "running late"],
  clothes: ["服装", "ふくそう", "服", "ふく", "着て", "半袖", "はんそで", "袖", "そで", "肩", "tシャツ", "clothes", "clothing", "wear", "sleeve", "shoulder", "dress"],
  bath: ["風呂", "ふろ", "お風呂", "おふろ", "入浴", "にゅうよく", "シャワー", "しゃわ", "浴び", "あび", "bath", "shower"],
  alcoholExercise: ["飲酒", "いんしゅ", "お酒", "おさけ", "酒", "さけ", "ビール", "運動", "うんどう", "ジム", "スポーツ", "すぽつ", "ランニング", "alcohol", "drink", "drinking", "beer", "exercise", "sport", "gym", "running"],
  vaccineType: ["ワクチンの種類", "種類", "しゅるい", "メーカー", "めえかあ", "めかあ", "ファイザー", "ふぁいざ", "モデルナ", "もでるな", "コミナティ", "スパイクバックス", "ヌバキソビッド", "武田", "たけだ", "選べ", "えらべ", "選びたい", "えらびたい", "指定", "which vaccine", "type", "kind", "brand", "maker", "manufacturer", "pfizer", "moderna", "novavax", "choose"],
  interval: ["間隔", "かんかく", "あける", "空ける", "あけ", "空け", "何日", "なんにち", "何週間", "なんしゅうかん", "何か月", "なんかげつ", "何ヶ月", "3週間", "4週間", "3か月", "前回", "ぜんかい", "期間", "きかん", "経って", "interval", "gap", "between", "how many days", "how many weeks", "how many months", "wait", "after the last", "since"],
  cost: ["費用", "ひよう", "料金", "りょうきん", "お金", "おかね", "無料", "むりょう", "有料", "ゆうりょう", "いくら", "自己負担", "じこふたん", "払う", "はらう", "支払", "しはらい", "cost", "fee", "free", "price", "pay", "charge", "money", "how much"],
  certificate: ["接種証明書", "せっしゅしょうめいしょ", "証明書", "しょうめいしょ", "証明", "しょうめい", "接種済証", "せっしゅずみしょう", "済証", "接種記録", "記録", "きろく", "ワクチンパスポート", "certificate", "proof", "record", "vaccination record", "vaccine passport"],
  child: ["子ども", "こども", "小学生", "しょうがくせい", "児童", "幼児", "息子", "むすこ", "娘", "むすめ", "キッズ", "5歳", "6歳", "7歳", "8歳", "9歳", "10歳", "11歳", "5〜11歳", "小児", "しょうに", "child", "children", "kid", "kids", "son", "daughter", "pediatric", "elementary"],
  teen: ["中学生", "ちゅうがくせい", "高校生", "こうこうせい", "12歳", "13歳", "14歳", "15歳", "未成年", "みせいねん", "16歳未満", "保護者", "ほごしゃ", "同伴", "どうはん", "親の同意", "サイン", "署名", "しょめい", "teen", "teenager", "junior high", "high school", "guardian", "parent", "consent", "minor", "accompany"],
  pregnancy: ["妊娠", "にんしん", "妊婦", "にんぷ", "妊娠中", "授乳", "じゅにゅう", "授乳中", "母乳", "ぼにゅう", "おなかの赤ちゃん", "赤ちゃん", "あかちゃん", "産婦人科", "pregnant", "pregnancy", "breastfeeding", "nursing", "baby"],
  chronicCondition: ["持病", "じびょう", "基礎疾患", "きそしっかん", "病気", "治療中", "ちりょうちゅう", "通院", "つういん", "薬", "くすり", "服用", "ふくよう", "飲んでいる", "のんでいる", "血液をさらさら", "ワーファリン", "アレルギー", "あれるぎ", "あれるぎい", "喘息", "ぜんそく", "糖尿病", "とうにょうびょう", "心臓", "しんぞう", "透析", "condition", "chronic", "illness", "disease", "medication", "medicine", "allergy", "allergic", "asthma", "diabetes"],
  otherVaccine: ["インフルエンザ", "いんふるえんざ", "インフル", "いんふる", "他のワクチン", "ほかのワクチン", "別のワクチン", "同時接種", "どうじせっしゅ", "帯状疱疹", "たいじょうほうしん", "肺炎球菌", "はいえんきゅうきん", "flu", "influenza", "other vaccine", "another vaccine", "shingles", "pneumococcal", "same time"],
  infected: ["感染", "かんせん", "罹患", "りかん", "陽性", "ようせい", "コロナになった", "ころなになった", "コロナにかかった", "療養", "りょうよう", "後遺症", "infected", "infection", "positive", "had covid", "caught covid", "got covid", "recovered"],
  language: ["英語", "えいご", "外国語", "がいこくご", "外国人", "がいこくじん", "日本語", "にほんご", "中国語", "韓国語", "通訳", "つうやく", "翻訳", "ほんやく", "english", "foreign", "language", "translation", "interpreter", "japanese", "chinese", "korean"],
  walkIn: ["予約なし", "よやくなし", "予約しない", "予約しなくて", "予約不要", "飛び込み", "とびこみ", "直接行", "ちょくせついっ", "直接行って", "walk in", "walk-in", "without booking", "without reservation", "without appointment"],
  notification: ["メール", "めえる", "めーる", "める", "email", "通知", "つうち", "リマインド", "りまいんど", "リマインダー", "お知らせ", "おしらせ", "連絡", "れんらく", "ショートメール", "sms", "メッセージ", "notification", "reminder", "message", "text message", "confirmation email"],
  line: ["line", "ライン", "らいん", "友だち追加", "友達追加", "ともだちついか", "公式アカウント", "こうしきあかうんと", "リッチメニュー", "りっちめにゅ", "qrコード", "line app", "line account", "add friend"],
  phone: ["電話", "でんわ", "電話番号", "でんわばんごう", "コールセンター", "こるせんた", "こーるせんたー", "問合せ", "といあわせ", "問い合わせ先", "窓口", "オペレーター", "おぺれた", "オペレータ", "自動音声", "じどうおんせい", "phone", "telephone", "call", "call center", "call centre", "helpline", "hotline", "operator", "contact"],
  hours: ["受付時間", "うけつけじかん", "何時から", "なんじから", "何時まで", "なんじまで", "営業時間", "えいぎょうじかん", "土日", "どにち", "土曜", "日曜", "祝日", "しゅくじつ", "夜", "24時間", "opening hours", "hours", "weekend", "saturday", "sunday", "holiday", "open until"],
  internet: ["ネット", "ねっと", "インターネット", "いんたあねっと", "いんたねっと", "ウェブ", "web", "ホームページ", "ほおむぺえじ", "ほむぺじ", "サイト", "さいと", "予約サイト", "スマホ", "すまほ", "スマートフォン", "パソコン", "ぱそこん", "pc", "online", "internet", "website", "site", "web page", "page", "smartphone", "computer"],
  careHome: ["施設", "しせつ", "老人ホーム", "ろうじんほおむ", "ろうじんほむ", "介護施設", "かいごしせつ", "入所", "にゅうしょ", "グループホーム", "特養", "とくよう", "寝たきり", "ねたきり", "往診", "おうしん", "訪問接種", "nursing home", "care home", "facility", "bedridden", "home visit"],
  elderly: ["高齢者", "こうれいしゃ", "高齢", "65歳以上", "お年寄り", "おとしより", "elderly", "senior", "older"],
  how: ["方法", "ほうほう", "やり方", "やりかた", "仕方", "しかた", "どうやって", "どうすれば", "どうしたら", "手順", "てじゅん", "how to", "how do", "how can", "steps", "way"],
  birthDate: ["生年月日", "せいねんがっぴ", "誕生日", "たんじょうび", "birth date", "birthday", "date of birth"],
};

/** Concepts whose matches say little (almost every question is about vaccination): kept at a low weight. */
export const WEAK_CONCEPTS: ReadonlySet<string> = new Set(["vaccination", "voucherNumber"]);
