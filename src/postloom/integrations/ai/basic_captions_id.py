"""Indonesian sentences for the basic caption engine: santai tapi sopan.

The reader is "kamu" for friendly and energetic brands and "Anda" for the calmer ones (``{you}``);
``{kak}`` adds the friendly "Kak" where a shop would say it. Particles (yuk, ya, kok, nih) are
used lightly, as a small business writes on Instagram. See ``basic_captions_en`` for the rules.
"""

from __future__ import annotations

# fmt: off
SLOTS: dict[str, tuple[str, ...]] = {
    # --- Openers, by pillar -------------------------------------------------------------
    "open.product_spotlight": (
        "Kenalan dulu yuk sama {item}!",
        "Sorotan hari ini: {item}.",
        "Kalau belum pernah coba {item}, ini saatnya.",
        "Yuk, lihat lebih dekat {item}.",
        "Ini dia {item}, salah satu yang paling kami banggakan.",
        "Ada hal yang enaknya dinikmati pelan-pelan. {Item} salah satunya.",
        "Hari ini kita ngobrolin {item} sebentar, ya.",
        "Bintang postingan hari ini: {item}.",
    ),
    "open.behind_the_scenes": (
        "Penasaran apa yang terjadi di {place} sebelum {you} datang?",
        "Intip sebentar di balik layar {brand}, yuk.",
        "Tanpa filter, tanpa settingan: beginilah {place} di hari biasa.",
        "Ini sisi {brand} yang jarang terlihat.",
        "Yuk, ikut kami ke balik layar sebentar.",
        "Sebelum sampai ke tangan {you}, semuanya melewati {place} dulu.",
        "{Team} lagi bekerja, apa adanya.",
    ),
    "open.tips": (
        "Tips kecil yang bedanya terasa banget.",
        "Simpan dulu postingan ini, ya!",
        "Tips singkat dari {team}.",
        "Hal kecil yang sebaiknya semua orang tahu.",
        "Tips yang selalu kami bagikan ke siapa pun yang bertanya.",
        "Kebiasaan kecil, hasilnya besar.",
    ),
    "open.social_proof": (
        "Semua ini berkat {you}.",
        "Setiap pesanan, ulasan, dan tag dari {you} berarti banyak buat kami.",
        "Terima kasih banyak untuk semua yang sudah memilih {brand} bulan ini!",
        "Nggak ada yang bikin kami lebih senang daripada melihat {item} di foto-foto {you}.",
        "Kata-kata baik dari {you} bikin {team} makin semangat.",
        "Setiap pesan yang masuk kami baca, dan kami berterima kasih untuk semuanya.",
    ),
    "open.promotion": (
        "Kabar baik minggu ini: {item} sudah menunggu {you}.",
        "Sekarang waktu yang pas buat memanjakan diri dengan {item}.",
        "Info penting: {item} sudah bisa dipesan!",
        "Sudah lama pengin coba {item}? Ini alasannya.",
        "Sesekali manjakan diri, ya: {item} sudah hadir.",
        "Ada yang spesial minggu ini: {item}.",
    ),
    "open.question": (
        "Ada pertanyaan singkat nih buat {you}!",
        "Hari ini kami pengin dengar dari {you}.",
        "Bantu kami jawab perdebatan kecil ini, yuk.",
        "Sekarang giliran {you} yang cerita.",
        "Waktunya ngobrol di kolom komentar!",
    ),
    "open.local_occasion": (
        "{Occasion} selalu jadi momen yang kami tunggu-tunggu.",
        "{Occasion} kali ini, kami ingin merayakannya bersama {you}.",
        "Hari spesial butuh sesuatu yang spesial.",
        "{Occasion} terasa beda kalau dirayakan bersama {you}.",
        "Begini cara {brand} menyambut {occasion}.",
        "Bangga jadi bagian dari {city}, hari ini dan setiap hari.",
    ),
    # --- AIDA ---------------------------------------------------------------------------
    "aida.interest": (
        "{Angles}: itulah yang bikin beda.",
        "Dibuat dengan {detail}, dan hasilnya terasa.",
        "Apa yang bikin spesial? {Angles}.",
        "Setiap prosesnya mengandalkan {detail}.",
        "Banyak yang tanya apa bedanya. Jawaban singkatnya: {detail}.",
    ),
    "aida.desire": (
        "Bayangkan {outcome}.",
        "{Moment} jadi jauh lebih menyenangkan.",
        "Hari biasa pun bisa terasa istimewa.",
        "Sekali coba, {moment} nggak akan terasa sama lagi.",
        "Coba bayangkan: {outcome}.",
    ),
    # --- PAS ----------------------------------------------------------------------------
    "pas.problem": (
        "Capek dengan {pain}?",
        "Kita semua pernah mengalaminya: {pain}.",
        "{Pain}. Pernah ngalamin juga?",
        "Jujur saja, siapa yang betah dengan {pain}?",
        "Nggak ada yang suka {pain}.",
    ),
    "pas.agitate": (
        "Buang waktu, buang tenaga, bikin mood berantakan.",
        "Dan biasanya terjadi di saat yang paling nggak tepat.",
        "Kelihatannya sepele, sampai terjadi setiap minggu.",
        "Padahal {you} layak dapat yang lebih baik.",
        "Lama-lama terasa juga, kan?",
    ),
    "pas.solution": (
        "Karena itulah kami membuat {item}.",
        "{Item} hadir untuk momen seperti ini.",
        "Di sinilah {brand} hadir: {item}, dibuat dengan {detail}.",
        "Solusinya sederhana: {item}.",
        "Dengan {item}, satu urusan beres.",
    ),
    # --- FAB ----------------------------------------------------------------------------
    "fab.feature": (
        "Detailnya: {angles}.",
        "Yang {you} dapat: {angles}.",
        "Intinya: {angles}.",
        "Dibuat dengan {detail}.",
        "Rahasianya ada di {detail}.",
    ),
    "fab.advantage": (
        "Artinya, tanpa kompromi dan tanpa kejutan.",
        "Jadi tetap andal, mau di hari sibuk maupun hari santai.",
        "Jadi selalu siap kapan pun {you} butuh.",
        "Hasilnya, kualitas yang langsung terasa.",
        "Itulah bedanya yang bagus dan yang benar-benar bagus.",
    ),
    "fab.benefit": (
        "Buat {you}, artinya {outcome}.",
        "Semua supaya {you} bisa menikmati {outcome}.",
        "Singkatnya: {outcome}, tanpa ribet.",
        "Yang tersisa tinggal {outcome}.",
    ),
    # --- Before, after, bridge ------------------------------------------------------------
    "bab.before": (
        "Sebelumnya: {pain}.",
        "Ingat {pain}?",
        "Bayangkan yang biasa terjadi: {pain}.",
        "Terlalu sering minggu dimulai dengan {pain}.",
    ),
    "bab.after": (
        "Sesudahnya: {outcome}.",
        "Sekarang bayangkan {outcome}.",
        "Sekarang, gantinya: {outcome}.",
        "Lalu datang bagian terbaiknya: {outcome}.",
    ),
    "bab.bridge": (
        "Jembatannya? {Item}.",
        "Apa yang berubah? {Item}, dari {team}.",
        "Yang bikin beda adalah {item}.",
        "Di situlah {item} mengambil peran.",
    ),
    # --- 4U -----------------------------------------------------------------------------
    "4u.urgent": (
        "Jangan tunggu minggu depan untuk yang satu ini.",
        "Hari ini pas banget buat coba hal baru.",
        "Ini pengingat buat berhenti menunda, ya.",
        "Jadikan minggu ini waktunya mencoba.",
    ),
    "4u.useful": (
        "Dibuat untuk kebutuhan sehari-hari: {detail}.",
        "Praktis, berkualitas, dan pas untuk {moment}.",
        "Berguna, sederhana, dan dibuat dengan {detail}.",
        "Bikin {moment} lebih mudah dan lebih menyenangkan.",
    ),
    "4u.specific": (
        "Spesifiknya: {angles}.",
        "{Item} cukup {price} saja.",
        "Ini yang {you} dapat: {angles}.",
        "Dengan {price}, {item} siap untuk {you}.",
        "Dibuat dengan {detail}, tanpa yang nggak perlu.",
    ),
    # --- Storytelling -------------------------------------------------------------------
    "story.scene": (
        "Masih pagi di {place}, dan hari baru saja dimulai.",
        "Hari-hari kami biasanya dimulai dengan cara yang sama: pelan-pelan, di {place}.",
        "Ada satu momen setiap pagi di {place} yang kami suka.",
        "Semua berawal dari ide sederhana di {brand}: kerjakan hal kecil dengan baik.",
        "Ada cerita kecil dari {place} nih.",
    ),
    "story.turn": (
        "Lalu {team} mulai bekerja, selangkah demi selangkah.",
        "Lalu pintu dibuka dan semuanya mulai sibuk.",
        "Di saat itulah {detail} benar-benar berperan.",
        "Memang nggak glamor, tapi di sinilah ketelitian itu terjadi.",
        "Sedikit demi sedikit, semuanya jadi.",
    ),
    "story.payoff": (
        "Dan begitulah {item} sampai ke tangan {you}.",
        "Saat sampai ke {you}, semuanya sudah sesuai harapan.",
        "Bagian inilah yang paling kami banggakan dari {brand}.",
        "Itulah kenapa kami nggak pernah terburu-buru menyiapkan {item}.",
        "Semuanya, khusus untuk {you}.",
    ),
    # --- Question-led -------------------------------------------------------------------
    "question.ask": (
        "Apa pilihan favorit {you} di {brand}?",
        "Gimana cara {you} menikmati {item}?",
        "Menurut {you}, {team} sebaiknya bikin apa lagi?",
        "Jujur, apa hal pertama yang {you} perhatikan dari {item}?",
        "Pilih mana: yang klasik atau yang baru?",
        "Apa yang bikin {moment} jadi sempurna buat {you}?",
    ),
    "question.context": (
        "Nggak ada jawaban yang salah, kok.",
        "Semua komentar kami baca, dan jawaban {you} benar-benar jadi masukan buat kami.",
        "Kami penasaran dan pengin dengar langsung dari {you}.",
        "Tulis di bawah, ya; kami usahakan balas satu per satu.",
    ),
    # --- Lists --------------------------------------------------------------------------
    "list.intro": (
        "Beberapa hal yang perlu diketahui:",
        "Daftar singkat yang layak disimpan:",
        "Beberapa tips dari {team}:",
        "Yang selalu kami sampaikan ke siapa pun yang bertanya:",
    ),
    "list.intro_angles": (
        "Kenapa {item}?",
        "Beberapa alasan untuk jatuh cinta sama {item}:",
        "Yang bikin {item} beda:",
    ),
    "list.outro": (
        "Sederhana, tapi ampuh.",
        "Hal kecil, bedanya besar.",
        "Coba salah satunya minggu ini, lalu ceritakan hasilnya, ya!",
        "Mana yang mau {you} coba duluan?",
    ),
    # --- Pillar lines -------------------------------------------------------------------
    "core.product_spotlight": (
        "Dibuat oleh {team}, dengan {detail}.",
        "Salah satu hal kecil yang bikin {moment} lebih menyenangkan.",
        "Setiap produknya dibuat dengan {detail}.",
    ),
    "core.behind_the_scenes": (
        "Setiap hari dimulai dengan {team} mengecek hal-hal kecil yang jarang terlihat.",
        "Butuh waktu, dan memang begitu seharusnya.",
        "Dari sinilah {detail} berasal.",
        "Nggak selalu rapi, tapi selalu jujur.",
    ),
    "core.tips": (
        "Tips dari kami: {tip}",
        "Coba ini: {tip}",
        "Ini dia: {tip}",
        "{Tip}",
    ),
    "core.social_proof": (
        "Terus tag kami, ya: setiap postingan kami lihat.",
        "Masukan dari {you} menentukan langkah kami berikutnya.",
        "Terima kasih sudah percaya pada {brand}.",
        "Setiap pujian langsung kami sampaikan ke {team}.",
    ),
    "core.promotion": (
        "Sudah tersedia di {brand}.",
        "Tinggal pesan saja.",
        "Alasan yang pas untuk sedikit memanjakan diri.",
    ),
    "core.question": (
        "Nggak ada jawaban yang salah, kok.",
        "Setiap balasan kami baca.",
        "Siapa tahu jawaban {you} jadi ide postingan kami berikutnya.",
    ),
    "core.local_occasion": (
        "Kami merayakannya dengan {item}.",
        "Dari kami semua di {brand}: terima kasih sudah jadi bagian dari cerita kami.",
    ),
    # --- Product facts ------------------------------------------------------------------
    "name": (
        "Pilihan hari ini: {item}.",
        "Yang wajib dicoba: {item}.",
    ),
    "angles": (
        "Kenapa {you} bakal suka: {angles}.",
        "Detail yang penting: {angles}.",
        "{Angles}. Tanpa jalan pintas.",
        "Singkatnya: {angles}.",
    ),
    "price": (
        "Harga: {price}.",
        "Cukup {price}.",
        "Semuanya hanya {price}.",
        "Harganya {price}, dan sepadan banget.",
    ),
    "topic": (
        "Topik hari ini: {topic}.",
        "Yuk, ngobrolin {topic}.",
        "Kali ini soal {topic}.",
        "Yang lagi kami pikirkan hari ini: {topic}.",
    ),
    # --- Format lines -------------------------------------------------------------------
    "type.carousel": (
        "Geser untuk lihat semuanya.",
        "Geser ke kiri untuk cerita lengkapnya.",
        "Terus geser, bagian terbaiknya ada di akhir.",
    ),
    "type.reel": (
        "Tonton sampai habis, ya.",
        "Nyalakan suaranya untuk yang satu ini.",
        "Lihat prosesnya dari awal sampai jadi.",
    ),
    "type.tiktok_video": (
        "Tonton sampai akhir, worth it!",
        "Follow {brand} biar nggak ketinggalan.",
        "Stitch video ini dengan versi {you}!",
    ),
    "type.tiktok_photo": (
        "Geser untuk lihat foto-fotonya.",
        "Simpan fotonya buat nanti.",
    ),
    "type.story": (
        "Ketuk untuk lihat lebih banyak.",
        "Ketuk untuk lanjut ke cerita berikutnya.",
        "Tahan untuk jeda, ketuk untuk lanjut.",
        "Lanjut di frame berikutnya.",
    ),
    # --- Calls to action ----------------------------------------------------------------
    "cta.order": (
        "Kirim pesan ke kami untuk pesan, ya.",
        "Pesan sekarang dan manjakan diri!",
        "DM kami, pesanan {you} langsung kami urus.",
        "Mau coba? Chat kami untuk pesan.",
    ),
    "cta.book": (
        "Kirim pesan untuk booking jadwal, ya.",
        "Reservasi sekarang lewat DM.",
        "Mau datang? Chat kami untuk atur jadwal.",
        "Booking jadwal {you} hari ini juga!",
    ),
    "cta.visit": (
        "Mampir ke {brand}, yuk!",
        "Datang dan sapa kami, ya!",
        "Kami tunggu kedatangan {you} di {brand}.",
        "Main ke tempat kami di {city}, yuk!",
    ),
    "cta.dm": (
        "DM kami untuk info lengkapnya.",
        "Ada pertanyaan? Inbox kami selalu terbuka.",
        "Kirim pesan, nanti kami bantu pilihkan.",
    ),
    "cta.follow": (
        "Follow {brand} untuk cerita seru lainnya.",
        "Ikuti terus untuk intip balik layar berikutnya.",
        "Nantikan, masih banyak cerita lainnya!",
    ),
    "cta.save": (
        "Simpan postingan ini buat nanti.",
        "Simpan, lalu bagikan ke teman yang butuh.",
        "Simpan untuk {moment}.",
    ),
    "cta.share": (
        "Bagikan ke orang yang butuh info ini.",
        "Punya teman yang perlu tahu? Kirim ke mereka.",
        "Teruskan ke teman, ya!",
    ),
    "cta.tag": (
        "Tag kami di foto {you}, kami senang sekali melihatnya!",
        "Tag teman yang wajib coba {item}.",
        "Bagikan momen {brand} {you} dan tag kami.",
    ),
    "cta.review": (
        "Suka? Ulasan singkat dari {you} sangat berarti buat kami.",
        "Ceritakan pendapat {you} di kolom komentar.",
    ),
    "cta.comment": (
        "Tulis di kolom komentar, ya!",
        "Jawab di bawah, ya.",
        "Komen di bawah, kami baca semuanya.",
        "Tinggalkan jawaban {you} di komentar, nanti kami balas.",
    ),
    "cta.reply": (
        "Balas story ini dan ceritakan ke kami!",
        "Kirim balasan, semuanya kami baca.",
        "Langsung balas, ceritakan pendapat {you}.",
        "Kirim jawaban {you} lewat DM, ya.",
        "Balas dengan emoji kalau setuju!",
    ),
    # --- Persona ------------------------------------------------------------------------
    "persona.intro": (
        "Halo, {persona} di sini!",
        "Hai{kak}, ini {persona}!",
        "{Persona} di sini, mampir dengan postingan hari ini.",
    ),
    "persona.signoff": (
        "— {persona}",
        "Sampai jumpa, {persona}",
        "Salam hangat, {persona}",
    ),
    # --- On-image headline --------------------------------------------------------------
    "headline.product_spotlight": ("{Item}", "Kenalan sama {item}", "Ini dia {item}"),
    "headline.behind_the_scenes": ("Di balik layar", "Sehari di {brand}", "Begini proses kami"),
    "headline.tips": ("Tips singkat", "Simpan tips ini", "Tips dari {brand}", "Wajib tahu"),
    "headline.social_proof": ("Terima kasih!", "Untuk pelanggan kami", "Dari hati kami"),
    "headline.promotion": ("{Item}, {price}", "Manjakan diri", "Sudah tersedia", "{Item}"),
    "headline.question": ("Yuk, jawab!", "Cerita, dong!", "Pertanyaan singkat", "Kami ingin tahu"),
    "headline.local_occasion": ("{Occasion}", "Bangga produk lokal"),
    # --- Alt text -----------------------------------------------------------------------
    "alt.product": ("Foto {item} dari {brand}.",),
    "alt.generic": ("Gambar dari {brand}: {subject}.",),
    "alt.headline": ("Tulisan di gambar: “{headline}”.",),
}

SUBJECTS: dict[str, str] = {
    "product_spotlight": "produk dan layanan pilihan",
    "behind_the_scenes": "suasana di balik layar",
    "tips": "tips untuk pengikut",
    "social_proof": "ucapan terima kasih untuk pelanggan",
    "promotion": "penawaran minggu ini",
    "question": "pertanyaan untuk pengikut",
    "local_occasion": "ucapan hari spesial",
}

YOU = {"casual": "kamu", "polite": "Anda"}
KAK = {"casual": " Kak", "polite": ""}
# fmt: on
