"""Turkish sentences for the basic caption engine: warm, and always "siz".

Turkish attaches case endings to names ("Kopi Senja'da"), and the right ending depends on how a
name sounds; so no sentence here puts an ending on ``{brand}``, ``{item}`` or another filled-in
name. Names stand where Turkish takes the bare form: as a subject, before "ile", "için",
"olarak", "hakkında", or after a colon. Place and team phrases carry their own endings.
"""

from __future__ import annotations

# fmt: off
SLOTS: dict[str, tuple[str, ...]] = {
    # --- Openers, by pillar -------------------------------------------------------------
    "open.product_spotlight": (
        "{Item} ile tanışın!",
        "Günün yıldızı: {item}.",
        "{Item} ile henüz tanışmadıysanız, sizi tanıştıralım.",
        "Yakından bakmaya değer: {item}.",
        "Karşınızda {item}; açıkçası biraz da gururluyuz.",
        "Bazı şeylerin tadı acele etmeden çıkarılır. {Item} de onlardan biri.",
        "Bugün biraz {item} hakkında konuşalım.",
        "Bugünkü paylaşımın yıldızı: {item}.",
    ),
    "open.behind_the_scenes": (
        "{Place} sabahları nasıl görünüyor, hiç merak ettiniz mi?",
        "Kısa bir perde arkası turu: {brand}.",
        "Filtre yok, kurgu yok: işte sıradan bir günde {place}.",
        "Genelde görmediğiniz tarafımız bu.",
        "Bir dakikalığına perde arkasına gelin.",
        "Size ulaşan her şeyin hikâyesi {place} ile başlıyor.",
        "{Team} iş başında, olduğu gibi.",
    ),
    "open.tips": (
        "Küçük ama fark yaratan bir ipucu.",
        "Bunu sonra için kaydedin!",
        "{Team} size kısa bir ipucu veriyor.",
        "Herkesin bilmesini istediğimiz bir şey.",
        "Soran herkese verdiğimiz bir ipucu.",
        "Küçük alışkanlık, büyük fark.",
    ),
    "open.social_proof": (
        "Bunu yapmamızın sebebi sizsiniz.",
        "Her sipariş, her yorum ve her etiket bizim için çok değerli.",
        "Bu ay bizi tercih eden herkese kocaman teşekkürler!",
        "Fotoğraflarınızda {item} görmek günümüzü güzelleştiriyor.",
        "Güzel sözleriniz {team} için en büyük motivasyon.",
        "Gönderdiğiniz her mesajı okuyoruz ve her biri için minnettarız.",
    ),
    "open.promotion": (
        "Haftanıza güzel bir haber: {item} sizi bekliyor.",
        "Kendinizi şımartmanın tam zamanı: {item} burada.",
        "Haberiniz olsun: {item} siparişe hazır!",
        "Bir süredir denemeyi düşünüyor muydunuz? İşte {item} için bir sebep.",
        "Biraz kendinizi şımartın: {item} hazır.",
        "Bu haftanın özel konuğu: {item}.",
    ),
    "open.question": (
        "Size kısa bir sorumuz var!",
        "Bugün sizden duymak istiyoruz.",
        "Küçük bir tartışmayı çözmemize yardım edin.",
        "Söz sizde.",
        "Yorumlarda biraz sohbet edelim mi?",
    ),
    "open.local_occasion": (
        "{Occasion}, yıl boyunca dört gözle beklediğimiz bir zaman.",
        "Bu {occasion} döneminde sizinle birlikteyiz.",
        "Özel günler özel bir şeyi hak eder.",
        "{Occasion}, sizinle paylaşınca bambaşka.",
        "{brand} olarak {occasion} için hazırlıklarımız tamam.",
        "{city_loc} olmaktan gurur duyuyoruz, bugün ve her gün.",
    ),
    # --- AIDA ---------------------------------------------------------------------------
    "aida.interest": (
        "{Angles}: onu farklı kılan bu.",
        "{Detail} ile hazırlanıyor ve bu hemen belli oluyor.",
        "Onu özel yapan ne mi? {Angles}.",
        "Her birine {detail} katıyoruz.",
        "Farkının ne olduğunu sık sık soruyorsunuz. Kısaca: {detail}.",
    ),
    "aida.desire": (
        "{Outcome} hayal edin.",
        "{Moment} artık eskisi gibi olmayacak.",
        "Sıradan bir gün bile daha güzel geçer.",
        "Bir kez denediğinizde {moment} bambaşka olacak.",
        "Hayal edin: {outcome}.",
    ),
    # --- PAS ----------------------------------------------------------------------------
    "pas.problem": (
        "{Pain} sizi de yordu mu?",
        "Hepimiz yaşadık: {pain}.",
        "{Pain}. Tanıdık geldi mi?",
        "Açık konuşalım: {pain} kimsenin hoşuna gitmiyor.",
        "Kimse bunu istemez: {pain}.",
    ),
    "pas.agitate": (
        "Zamanınızı, enerjinizi ve keyfinizi alıyor.",
        "Üstelik hep en olmadık anda oluyor.",
        "Küçük bir şey gibi görünüyor, ta ki her hafta yaşanana kadar.",
        "Siz daha iyisini hak ediyorsunuz.",
        "Sandığınızdan çok daha hızlı birikiyor.",
    ),
    "pas.solution": (
        "{Item} tam da bu yüzden var.",
        "{Item}, tam böyle anlar için hazırlandı.",
        "İşte burada {brand} devreye giriyor: {detail} ile hazırlanan {item}.",
        "Cevabımız basit: {item}.",
        "{Item} ile aklınızda bir dert eksik.",
    ),
    # --- FAB ----------------------------------------------------------------------------
    "fab.feature": (
        "Detaylar: {angles}.",
        "Sizi neler bekliyor: {angles}.",
        "Olmazsa olmazlar: {angles}.",
        "{Detail} ile hazırlanıyor.",
        "Arkasında ne var: {detail}.",
    ),
    "fab.advantage": (
        "Yani taviz yok, sürpriz yok.",
        "Yoğun bir pazartesi de olsa, sakin bir pazar da olsa aynı özen.",
        "Yani siz ne zaman hazırsanız o da hazır.",
        "Sonuç: ilk anda fark edilen bir kalite.",
        "İyi ile gerçekten iyi arasındaki fark da bu.",
    ),
    "fab.benefit": (
        "Sizin için anlamı: {outcome}.",
        "Hepsi, {outcome} için.",
        "Kısacası: zahmetsizce {outcome}.",
        "Geriye kalan: {outcome}.",
    ),
    # --- Before, after, bridge ------------------------------------------------------------
    "bab.before": (
        "Önce: {pain}.",
        "Hatırlayın: {pain}.",
        "Alışıldık tablo: {pain}.",
        "Pek çok hafta şöyle başlıyor: {pain}.",
    ),
    "bab.after": (
        "Sonra: {outcome}.",
        "Şimdi bunun yerine {outcome} hayal edin.",
        "Şimdi şunu düşünün: {outcome}.",
        "Ve güzel kısım geliyor: {outcome}.",
    ),
    "bab.bridge": (
        "İkisi arasındaki köprü mü? {Item}.",
        "Ne değişti? {Item}.",
        "Farkı yaratan: {item}.",
        "Aradaki boşluğu {item} dolduruyor.",
    ),
    # --- 4U -----------------------------------------------------------------------------
    "4u.urgent": (
        "Bunun için gelecek haftayı beklemeyin.",
        "Yeni bir şey denemek için bugün güzel bir gün.",
        "Ertelemeyi bırakmanız için küçük bir hatırlatma.",
        "Bu hafta, nihayet denediğiniz hafta olsun.",
    ),
    "4u.useful": (
        "Gerçek hayat için tasarlandı: {detail}.",
        "Pratik, kaliteli ve {moment} için birebir.",
        "Kullanışlı, sade ve {detail} ile hazırlanmış.",
        "{Moment} hem kolaylaşıyor hem güzelleşiyor.",
    ),
    "4u.specific": (
        "Ayrıntılar: {angles}.",
        "{Item} yalnızca {price}.",
        "Kısacası şöyle: {angles}.",
        "{price} karşılığında {item} sizi bekliyor.",
        "{Detail} ile hazırlandı, gereksiz hiçbir şey yok.",
    ),
    # --- Storytelling -------------------------------------------------------------------
    "story.scene": (
        "Sabahın erken saatleri; {place} yeni uyanıyor.",
        "Günlerimiz çoğu zaman sessizce başlar.",
        "Her sabah çok sevdiğimiz bir an var.",
        "Her şey {brand} olarak basit bir fikirle başladı: küçük işleri iyi yapmak.",
        "{Place} cephesinden küçük bir hikâye.",
    ),
    "story.turn": (
        "Sonra {team} işe koyuluyor, adım adım, özenle.",
        "Ardından kapılar açılıyor ve her şey hızlanıyor.",
        "İşte o an {detail} gerçekten önem kazanıyor.",
        "Göz alıcı değil belki, ama özen tam burada.",
        "Yavaş yavaş her şey yerine oturuyor.",
    ),
    "story.payoff": (
        "Ve {item} böylece ellerinize ulaşıyor.",
        "Size ulaştığında, tam olması gerektiği gibi.",
        "{brand} olarak en çok gurur duyduğumuz kısım bu.",
        "{Item} için asla acele etmememizin sebebi de bu.",
        "Hepsi sizin için.",
    ),
    # --- Question-led -------------------------------------------------------------------
    "question.ask": (
        "{brand} denince ilk tercihiniz ne?",
        "{Item} sizce en çok ne zaman keyif verir?",
        "Sizce {team} sırada ne hazırlamalı?",
        "Dürüst olun: {item} denince aklınıza ilk ne geliyor?",
        "Hangisini seçerdiniz: klasik mi, yeni bir şey mi?",
    ),
    "question.context": (
        "Yanlış cevap yok, söz.",
        "Her yorumu okuyoruz; cevaplarınız gerçekten yol gösteriyor.",
        "Merak ediyoruz ve kendi cümlelerinizle duymak isteriz.",
        "Aşağıya yazın; olabildiğince çok yanıt vermeye çalışacağız.",
    ),
    # --- Lists --------------------------------------------------------------------------
    "list.intro": (
        "Bilmeye değer birkaç şey:",
        "Kaydetmeye değer kısa listemiz:",
        "Ekibimizden birkaç öneri:",
        "Soran herkese söylediklerimiz:",
    ),
    "list.intro_angles": (
        "Neden {item}?",
        "{Item}: sevmeniz için birkaç sebep",
        "{Item} farkı:",
    ),
    "list.outro": (
        "Basit ama işe yarıyor.",
        "Küçük şeyler, büyük fark.",
        "Bu hafta birini deneyin ve nasıl gittiğini bize anlatın!",
        "İlk hangisini deneyeceksiniz?",
    ),
    # --- Pillar lines -------------------------------------------------------------------
    "core.product_spotlight": (
        "{Team} tarafından, {detail} ile hazırlanıyor.",
        "Küçük ama günü güzelleştiren şeylerden biri.",
        "Her biri {detail} ile hazırlanıyor.",
    ),
    "core.behind_the_scenes": (
        "Her gün {team} kimsenin görmediği küçük detayları kontrol ederek başlıyor.",
        "Zaman alıyor ve başka türlüsünü istemezdik.",
        "{Detail} işte buradan geliyor.",
        "Her zaman kusursuz görünmüyor ama her zaman dürüst.",
    ),
    "core.tips": (
        "İpucumuz: {tip}",
        "Şunu deneyin: {tip}",
        "İşte ipucu: {tip}",
        "{Tip}",
    ),
    "core.social_proof": (
        "Bizi etiketlemeye devam edin; her paylaşımı görüyoruz.",
        "Geri bildirimleriniz bir sonraki adımımızı belirliyor.",
        "{brand} olarak bize güvendiğiniz için teşekkürler.",
        "Her güzel söz {team} ile paylaşılıyor.",
    ),
    "core.promotion": (
        "Şu an mevcut.",
        "Bir mesaj uzağınızda.",
        "Kendinizi şımartmak için güzel bir bahane.",
    ),
    "core.question": (
        "Yanlış cevap yok, söz.",
        "Her yanıtı okuyoruz.",
        "Belki de cevabınız bir sonraki paylaşımımıza ilham olur.",
    ),
    "core.local_occasion": (
        "Bu özel günü {item} ile kutluyoruz.",
        "{brand} ailesi olarak hikâyemizin bir parçası olduğunuz için teşekkürler.",
    ),
    # --- Product facts ------------------------------------------------------------------
    "name": (
        "Bugünün seçimi: {item}.",
        "Denemeniz gereken: {item}.",
    ),
    "angles": (
        "Neden seveceksiniz: {angles}.",
        "Önemli detaylar: {angles}.",
        "{Angles}. Kısa yol yok.",
        "Birkaç kelimeyle: {angles}.",
    ),
    "price": (
        "Fiyat: {price}.",
        "Sadece {price}.",
        "Hepsi {price}.",
        "Fiyatı {price} ve her kuruşuna değer.",
    ),
    "topic": (
        "Bugünün konusu: {topic}.",
        "Gelin, {topic} hakkında konuşalım.",
        "Bu paylaşımın konusu: {topic}.",
        "Bugün aklımızda: {topic}.",
    ),
    # --- Format lines -------------------------------------------------------------------
    "type.carousel": (
        "Hepsini görmek için kaydırın.",
        "Hikâyenin tamamı için sola kaydırın.",
        "Kaydırmaya devam edin, en güzeli sonda.",
    ),
    "type.reel": (
        "Sonuna kadar izleyin.",
        "Bunu sesi açık izleyin.",
        "Adım adım nasıl hazırlandığını izleyin.",
    ),
    "type.tiktok_video": (
        "Sonuna kadar izleyin, değer!",
        "Daha fazlası için {brand} hesabını takip edin.",
        "Kendi yorumunuzla stitch yapın!",
    ),
    "type.tiktok_photo": (
        "Fotoğraflara kaydırarak göz atın.",
        "Fotoğrafları sonra için kaydedin.",
    ),
    "type.story": (
        "Devamı için dokunun.",
        "Sıradaki kare için dokunun.",
        "Durdurmak için basılı tutun, devamı için dokunun.",
        "Devamı bir sonraki karede.",
    ),
    # --- Calls to action ----------------------------------------------------------------
    "cta.order": (
        "Sipariş için bize mesaj gönderin.",
        "Hemen sipariş verin, kendinizi şımartın!",
        "DM'den yazın, siparişinizi hemen hazırlayalım.",
        "Denemek ister misiniz? Sipariş için mesaj atın.",
    ),
    "cta.book": (
        "Randevu için bize mesaj gönderin.",
        "Size uygun bir saat için DM'den yazın.",
        "Hazır olduğunuzda randevunuzu alın!",
        "Yerinizi ayırtmak için bize yazın.",
    ),
    "cta.visit": (
        "Uğrayın, sizi görmek isteriz!",
        "Bir merhaba demeye uğrayın!",
        "Sizi {city_loc} bekliyoruz!",
        "Yolunuz düşerse mutlaka uğrayın.",
    ),
    "cta.dm": (
        "Detaylar için DM atın.",
        "Sorunuz mu var? Mesaj kutumuz açık.",
        "Bize yazın, seçim yapmanıza yardımcı olalım.",
    ),
    "cta.follow": (
        "Bunun gibi günler için {brand} hesabını takip edin.",
        "Perde arkasından daha fazlası için takipte kalın.",
        "Takipte kalın, devamı geliyor!",
    ),
    "cta.save": (
        "Bu paylaşımı sonra için kaydedin.",
        "Kaydedin ve ihtiyacı olan bir arkadaşınızla paylaşın.",
        "{Moment} için kaydedin.",
    ),
    "cta.share": (
        "İşine yarayacak birine gönderin.",
        "Buna ihtiyacı olan birini tanıyor musunuz? Ona iletin.",
        "Bir arkadaşınıza iletin!",
    ),
    "cta.tag": (
        "Fotoğraflarınızda bizi etiketleyin; görmeye bayılıyoruz!",
        "{Item} denemesi gereken bir arkadaşınızı etiketleyin.",
        "{brand} anınızı paylaşın ve bizi etiketleyin.",
    ),
    "cta.review": (
        "Beğendiniz mi? Kısa bir yorum bize sandığınızdan çok yardımcı olur.",
        "Düşüncelerinizi yorumlarda bizimle paylaşın.",
    ),
    "cta.comment": (
        "Yorumlarda bize yazın!",
        "Cevabınızı aşağıya bırakın.",
        "Yorum yapın, okuyoruz.",
        "Cevabınızı yorumlara yazın, yanıtlayalım.",
    ),
    "cta.reply": (
        "Bu hikâyeye yanıt verin, bize anlatın!",
        "Yanıt gönderin, hepsini okuyoruz.",
        "Yanıtlayın, ne düşündüğünüzü söyleyin.",
        "Cevabınızı DM'den gönderin.",
        "Katılıyorsanız bir emoji ile yanıtlayın!",
    ),
    # --- Persona ------------------------------------------------------------------------
    "persona.intro": (
        "Merhaba, ben {persona}!",
        "Selam, {persona} burada!",
        "{Persona} burada, bugünün paylaşımıyla.",
    ),
    "persona.signoff": (
        "— {persona}",
        "Görüşmek üzere, {persona}",
        "Sevgiyle, {persona}",
    ),
    # --- On-image headline --------------------------------------------------------------
    "headline.product_spotlight": ("{Item}", "{Item} ile tanışın", "Karşınızda {item}"),
    "headline.behind_the_scenes": ("Perde arkası", "Bir günümüz", "Nasıl hazırlanıyor?"),
    "headline.tips": ("Kısa bir ipucu", "Bu ipucunu kaydedin", "Bilmekte fayda var"),
    "headline.social_proof": ("Teşekkürler!", "Günümüzü güzelleştiriyorsunuz", "Sizin için"),
    "headline.promotion": ("{Item}, {price}", "Kendinizi şımartın", "Şimdi mevcut", "{Item}"),
    "headline.question": ("Söz sizde!", "Bize yazın!", "Kısa bir soru", "Merak ediyoruz"),
    "headline.local_occasion": ("{Occasion}", "Yerelden, sevgiyle"),
    # --- Alt text -----------------------------------------------------------------------
    "alt.product": ("{brand}: {item} fotoğrafı.",),
    "alt.generic": ("{brand} paylaşımı: {subject}.",),
    "alt.headline": ("Görseldeki yazı: “{headline}”.",),
}

SUBJECTS: dict[str, str] = {
    "product_spotlight": "sunduklarımıza bir bakış",
    "behind_the_scenes": "perde arkasından bir kare",
    "tips": "takipçiler için bir ipucu",
    "social_proof": "müşterilerimize teşekkür",
    "promotion": "haftanın teklifi",
    "question": "takipçilere bir soru",
    "local_occasion": "özel gün kutlaması",
}

# Turkish captions say "siz" to everyone: warm, and never the familiar "sen" to a customer.
YOU = {"casual": "siz", "polite": "siz"}
KAK = {"casual": "", "polite": ""}
# fmt: on
