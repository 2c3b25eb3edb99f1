"""Word lists the basic engine reads with: industries, stopwords and cues, in en, id and tr.

Terms are matched on folded text (lower case, Turkish dotless i as i, accents removed), so write
them naturally: "diş hekimi" also matches "dis hekimi". A trailing ``*`` makes a stem ("sablon*"
matches sablon, sablonan, sablonnya); every match is bounded by word edges. Longer terms win
where terms overlap, so "spor salonu" (a gym) is not read as "salon" (beauty).
"""

from __future__ import annotations

# The tables below are laid out by hand, a few terms a line; the formatter leaves them be.
# fmt: off

# Weight 3: names a kind of business on its own; 2: typical of it; 1: a hint.
INDUSTRY_TERMS: dict[str, dict[int, tuple[str, ...]]] = {
    "food_beverage": {
        3: (
            "restaurant*", "restoran*", "cafe", "cafes", "kafe*", "coffee shop*", "coffeeshop",
            "kedai kopi", "kedai", "warung*", "rumah makan", "bakery", "bakeries", "toko roti",
            "toko kue", "fırın*", "pastane*", "lokanta*", "kahve*", "catering", "katering",
            "bistro", "eatery", "kafeterya", "kebapçı*", "pideci*", "dönerci*", "patisserie",
            "food truck", "angkringan", "roastery", "kahvaltı salonu",
        ),
        2: (
            "coffee", "kopi", "espresso", "latte*", "cappuccino", "makanan", "minuman", "food",
            "drinks", "yemek*", "tatlı*", "kebab*", "kebap*", "pizza*", "burger*", "bakso", "nasi",
            "mie", "sate", "roti", "kue", "cake*", "pastry", "pastries", "dessert*", "çay",
            "kahvaltı*", "döner", "lezzet*", "enak", "kuliner", "brunch", "breakfast", "lunch",
            "dinner", "sarapan", "makan siang", "baklava", "künefe", "lahmacun", "pide", "çorba*",
            "matcha", "boba", "es kopi", "kopi susu", "teh", "jus", "sushi", "ramen", "noodle*",
            "sandwich*", "croissant*", "bread", "ekmek*", "simit*", "börek*", "mantı", "ayran",
            "sambal", "ayam", "seblak", "martabak", "gorengan", "dim sum", "barista*",
        ),
        1: (
            "menu", "menü*", "chef", "şef", "taste", "delicious", "rasa", "lezat", "dine in", "tea",
            "take away", "takeaway", "paket servis", "reservation*", "rezervasyon*", "reservasi",
            "porsi", "porsiyon", "afiyet", "cuisine", "mutfak*", "masakan",
        ),
    },
    "fashion_retail": {
        3: (
            "kaos*", "sablon*", "konveksi*", "t-shirt*", "t shirt*", "tshirt*", "tişört*",
            "clothing", "apparel", "busana", "pakaian", "baju", "butik*", "boutique*", "giyim*",
            "konfeksiyon*", "screen printing", "distro", "hijab*", "gamis", "jilbab", "kerudung",
            "fashion", "tekstil*", "textile*", "spor giyim", "spor ayakkabı*", "sablon kaos",
            "custom kaos", "kaos custom", "baskılı tişört*", "tişört baskı*", "penjahit",
            "tukang jahit", "terzi*", "tailor*",
        ),
        2: (
            "moda", "elbise*", "hoodie*", "jaket", "jacket*", "kemeja", "celana", "dress*",
            "shoe*", "sepatu", "ayakkabı*", "sneaker*", "çanta*", "handbag*", "batik", "bordir",
            "nakış*", "embroidery", "dtf", "dtg", "sweatshirt*", "polo", "jersey", "seragam",
            "uniform*", "kemeja custom", "outfit*",
            "gömlek*", "pantolon*", "etek*", "kazak*", "abaya", "tunik", "tesettür*", "sablonan",
            "merchandise", "merch", "cotton combed", "combed", "pamuk*", "katun", "kumaş*",
            "fabric*", "size chart",
        ),
        1: (
            "wear", "style", "gaya", "tarz*", "stil", "ukuran", "sizes", "warna", "renk*", "bahan",
            "beden", "koleksiyon*", "collection*", "koleksi",
        ),
    },
    "beauty": {
        3: (
            "salon*", "kuaför*", "berber*", "barber*", "barbershop*", "beauty", "kecantikan",
            "güzellik*", "spa", "nail art", "nail salon", "manicure", "manikür*", "pedicure",
            "pedikür*", "makeup artist", "make up artist", "makyaj*", "skincare", "skin care",
            "cilt bakım*", "perawatan wajah", "facial*", "lash*", "kirpik*", "waxing", "ağda",
            "epilasyon", "lazer epilasyon", "creambath", "hair salon", "potong rambut",
            "saç kesim*", "saç bakım*", "saç boya*", "gelin saçı", "muslimah salon", "mua",
            "tukang cukur", "pangkas rambut", "klinik kecantikan", "beauty clinic",
            "aesthetic clinic", "estetik klinik*", "klinik estetika",
        ),
        2: (
            "rambut", "hair*", "saç", "saçlar*", "nail*", "kuku", "tırnak*", "makeup", "make up",
            "rias", "cosmetic*", "kosmetik", "kozmetik*", "brow*", "keratin", "smoothing",
            "blow dry", "fön", "haircut*", "massage", "pijat", "masaj*", "serum", "glowing",
            "jerawat", "acne", "cilt*", "kulit", "wajah", "perawatan", "bakım*", "treatment*",
            "hairstyl*", "sakal", "beard*", "pomade", "bridal", "pengantin",
        ),
        1: ("glow", "cantik", "güzel", "beautiful", "relax*", "rileks"),
    },
    "health": {
        3: (
            "dental", "dentist*", "klinik*", "clinic*", "dokter gigi", "klinik gigi", "diş",
            "diş hekimi", "diş kliniği", "dişçi", "orthodont*", "ortodonti*", "hospital*",
            "rumah sakit", "hastane*", "apotek", "pharmacy", "pharmacies", "eczane*",
            "fisioterapi", "physiotherap*", "fizyoterapi*", "psikolog*", "psycholog*",
            "veterinary", "veteriner*", "dokter hewan", "poliklinik*", "puskesmas", "optik",
            "optician*", "dermatolog*", "gigi", "doctor*", "dokter", "hekim*",
        ),
        2: (
            "implant*", "braces", "behel", "kawat gigi", "scaling", "whitening", "tooth",
            "teeth", "patient*", "pasien", "medical", "medis", "tıbbi", "tedavi*", "muayene*",
            "kesehatan", "sağlık*", "health*", "therap*", "terapi*", "checkup", "check-up",
            "konsultasi dokter", "perawat", "nurse*", "hemşire*", "vaccin*", "vaksin", "aşı*",
            "dentistry", "gum", "gusi", "root canal", "kanal tedavisi", "dolgu", "tambal gigi",
            "janji temu",
        ),
        1: (
            "pain", "nyeri", "ağrı*", "sehat", "sağlıklı", "healthy", "care", "bakım", "randevu",
            "appointment*",
        ),
    },
    "fitness": {
        3: (
            "gym*", "fitness", "spor salonu", "spor merkezi", "pusat kebugaran", "kebugaran",
            "personal trainer*", "crossfit", "pilates", "yoga", "zumba", "muay thai", "boxing",
            "boks", "kickbox*", "martial art*", "bela diri", "dövüş sanat*", "reformer",
            "fitness center", "fitness centre", "bootcamp",
        ),
        2: (
            "workout*", "trainer*", "antrenör*", "antrenman*", "latihan", "olahraga", "senam",
            "cardio", "kardiyo", "treadmill", "weights", "angkat beban", "ağırlık*", "protein",
            "supplement*", "suplemen", "takviye*", "otot", "muscle*", "kas gelişimi", "fat loss",
            "kilo ver*", "diyet*", "diet", "stretching", "esneme", "spin*", "athlete*", "atlet",
            "sporcu*", "squat*", "deadlift", "membership", "üyelik*", "keanggotaan", "member gym",
            "group class*", "grup ders*", "kelas yoga",
        ),
        1: ("spor", "sport*", "sehat", "bugar", "kuat", "strong*", "güçlü"),
    },
    "home_services": {
        3: (
            "locksmith*", "çilingir*", "tukang kunci", "servis ac", "service ac", "cuci ac",
            "ac service", "air conditioning", "klima servis*", "kombi servis*", "tesisat*",
            "tesisatçı*", "plumb*", "ledeng", "tukang ledeng", "sedot wc", "temizlik*",
            "cleaning service*", "jasa kebersihan", "house cleaning", "renovasi", "renovation*",
            "tadilat*", "boya badana", "handyman", "electrician*", "elektrikçi*",
            "tukang listrik", "pest control", "ilaçlama", "pembasmi hama", "gardening",
            "gardener*", "bahçıvan*", "nakliyat*", "evden eve", "pindahan", "jasa pindahan",
            "tukang*", "kilit değişim*", "kapı açma", "oto çilingir", "anahtar kopyala*",
            "duplicate key*", "key cutting", "laundry", "binatu", "kuru temizleme", "dry cleaning",
        ),
        2: (
            "anahtar*", "kilit*", "kunci", "lock*", "klima*", "kombi*", "plumber*", "pipa",
            "cleaning", "cleaner*", "kebersihan", "tamir*", "perbaikan", "repair*", "onarım*",
            "instalasi", "installation*", "kurulum*", "montaj*", "door*", "pintu", "kapı*",
            "çelik kapı", "emergency", "acil", "darurat", "panggilan", "home service*",
            "boiler*", "water heater", "pemanas air", "şofben", "kamera cctv", "cctv",
            "atap", "bocor", "roof*", "leak*", "sızıntı*", "su kaçağı", "jendela", "pencere*",
        ),
        1: (
            "home", "rumah", "ev", "hızlı", "cepat", "fast", "24 jam", "7 24", "garansi", "garanti",
            "jasa",
        ),
    },
    "retail": {
        3: (
            "minimarket", "supermarket", "grocer*", "sembako", "kelontong", "bakkal*",
            "kırtasiye*", "alat tulis", "stationery", "oleh-oleh", "oleh oleh", "souvenir*",
            "hediyelik eşya", "olshop", "online shop", "toko online", "market", "markets",
            "toko", "mağaza*", "electronics store", "toko elektronik", "perakende",
            "toptan*", "grosir", "eceran", "retail", "gift shop", "hediyelik*", "toy", "toys",
            "mainan", "oyuncak*", "furniture", "mebel", "mobilya*", "perabot*",
        ),
        2: (
            "elektronik*", "electronics", "gift*", "hadiah", "hediye*", "shop", "store",
            "belanja", "alışveriş*", "kargo", "ongkir", "shipping", "gratis ongkir",
            "ücretsiz kargo", "aksesoris", "aksesuar*", "accessor*", "ponsel", "handphone",
            "gadget*", "pasar",
        ),
        1: (
            "beli", "satın", "buy", "order", "pesan", "sipariş*", "murah", "ucuz", "cheap",
            "diskon", "indirim*", "discount*", "promo", "kampanya*", "stok", "stock", "harga",
            "fiyat*", "price*", "cod", "checkout", "keranjang", "sepet*", "produk", "ürün*",
            "products",
        ),
    },
    "education": {
        3: (
            "kursus", "kurs", "kursu", "kursumuz", "kursları", "dershane*", "les privat",
            "bimbel", "bimbingan belajar", "tutor*", "tuition", "akademi*", "academy",
            "sekolah", "school*", "okul*", "etüt", "etüt merkezi", "english course",
            "language school", "dil okulu", "lembaga kursus", "online course*", "kelas online",
            "e-learning", "sertifikasi", "kindergarten", "anaokulu", "paud", "montessori",
        ),
        2: (
            "course*", "belajar", "öğren*", "learn*", "kelas", "class", "classes", "ders*",
            "eğitim*",
            "pendidikan", "education*", "training", "pelatihan", "workshop", "lesson*",
            "pelajaran", "siswa", "murid", "öğrenci*", "student*", "guru", "öğretmen*",
            "teacher*", "instructor*", "eğitmen*", "pengajar", "kurikulum", "curriculum",
            "müfredat", "sınav*", "ujian", "exam", "exams", "yks", "lgs", "ielts", "toefl", "utbk",
            "bahasa inggris", "ingilizce", "matematika", "matematik", "math*", "coding class",
        ),
        1: ("skill*", "keterampilan", "beceri*", "kariyer", "career", "karier", "mezun*"),
    },
    "hospitality_travel": {
        3: (
            "hotel*", "otel*", "hostel*", "guesthouse*", "guest house", "homestay", "villa*",
            "penginapan", "pansiyon*", "resort*", "travel agent*", "tour operator*",
            "paket wisata", "tur paket*", "günübirlik tur", "tur rehber*", "tour*",
            "bed and breakfast",
            "butik otel", "boutique hotel", "glamping", "kamp alanı", "camping", "airbnb",
        ),
        2: (
            "travel*", "wisata", "seyahat*", "trip*", "kamar", "oda", "odalar*", "odası", "odamız*",
            "room*", "suite*",
            "tatil*", "liburan", "holiday*", "vacation*", "konaklama", "accommodation*",
            "check-in", "check in", "checkout time", "airport", "bandara",
            "havalimanı", "pantai", "beach*", "plaj*", "sahil*", "rehber*", "guide", "guides",
            "guided", "pemandu",
            "destinasi", "destination*", "itinerary", "open trip", "snorkel*", "dalış",
            "diving", "tiket", "bilet*", "ticket*", "vize", "visa", "umrah", "umre", "haji",
        ),
        1: (
            "view", "manzara*", "pemandangan", "nyaman", "comfort*", "konfor*", "rezervasyon",
            "transfer",
        ),
    },
    "professional_services": {
        3: (
            "lawyer*", "attorney*", "law firm", "avukat*", "hukuk*", "advokat", "pengacara",
            "notaris", "noter*", "notary", "accountant*", "accounting", "akuntan*", "muhasebe*",
            "mali müşavir*", "konsultan pajak", "tax consultant*", "digital marketing",
            "marketing agency", "agency", "agensi", "ajans*", "real estate", "emlak*",
            "consultancy", "consulting", "danışmanlık", "kantor hukum", "insurance",
            "asuransi", "sigorta*", "recruitment", "rekrutmen", "insan kaynakları", "law office",
            "bookkeeping", "pembukuan", "audit*", "denetim*",
        ),
        2: (
            "pajak", "vergi*", "tax", "taxes", "consult*", "konsultan", "konsultasi",
            "danışman*", "marketing", "pemasaran", "pazarlama", "properti", "property",
            "legal", "hukum", "contract*", "kontrak", "sözleşme*", "perjanjian", "branding",
            "social media management", "sosyal medya yönetimi", "seo", "ads", "iklan", "reklam*",
            "client*", "klien", "müvekkil*", "firm", "şirket kuruluşu", "pendirian pt",
            "perizinan", "license", "licensing", "strategy", "strategi", "strateji*",
        ),
        1: ("expert*", "ahli", "uzman*", "profesional", "professional*", "profesyonel*"),
    },
    "automotive": {
        3: (
            "bengkel*", "oto servis", "oto yıkama", "car wash", "cuci mobil", "cuci motor",
            "otomotiv*", "automotive", "mechanic*", "montir", "tamirhane*", "car repair",
            "auto repair", "ganti oli", "oil change", "yağ değişimi", "spare part*", "sparepart*",
            "yedek parça*", "kaporta*", "ekspertiz", "rent car", "rental mobil", "rent a car",
            "sewa mobil", "kiralık araç", "araç kiralama", "car detailing", "car care",
            "perawatan mobil",
            "oto galeri", "galeri mobil", "dealer*", "servis motor", "servis mobil", "lastikçi*",
            "oto elektrik*", "body repair", "car rental",
        ),
        2: (
            "mobil", "motor", "araba*", "araç*", "tire", "tires", "tyre", "tyres", "lastik*",
            "oli", "mesin", "motor yağı", "engine", "engines", "brake*", "rem", "fren*", "aki",
            "akü*",
            "battery", "detailing", "poles", "cilalama", "seramik kaplama", "ceramic coating",
            "vehicle*", "kendaraan", "car", "cars", "suspension", "süspansiyon", "velg", "jant*",
            "tune up", "tune-up", "bakım paketi", "kopling", "debriyaj", "vites", "showroom",
        ),
        1: ("sürücü*", "driver*", "pengendara", "jalan", "yol"),
    },
    "arts_crafts": {
        3: (
            "handmade", "buatan tangan", "el yapımı", "el emeği", "kerajinan", "photographer*",
            "photography", "photo studio", "fotografer", "fotoğrafçı*", "fotoğraf stüdyo*",
            "studio foto", "wedding organizer", "wedding planner*", "düğün organizasyon*",
            "event organizer", "pottery", "crochet", "rajut", "makrame", "macrame", "ebru",
            "kaligrafi", "calligraph*", "illustrat*", "ilustrasi", "graphic design*",
            "desain grafis", "grafik tasarım*", "percetakan", "matbaa*", "düğün salonu",
            "art studio", "sanat atölye*", "galeri seni", "art gallery", "florist*",
            "toko bunga", "çiçekçi*", "undangan", "davetiye*",
        ),
        2: (
            "craft*", "fotoğraf*", "fotografi", "atölye*", "art", "arts", "artist*", "artwork*",
            "sanat*", "sanatçı*", "lukisan", "painting*", "tablo*", "wedding*", "pernikahan",
            "düğün*", "nikah", "organizasyon*",
            "organizer", "dekorasi", "dekorasyon*", "decoration*", "keramik", "seramik*",
            "ceramic*", "örgü*", "knit*", "embroider*", "sulam", "çini", "resin", "candle*",
            "lilin", "bunga", "çiçek*", "flower*", "bouquet*", "buket*", "prewedding", "prewed",
            "portrait*", "portre*", "videografi", "sablon undangan", "sticker*", "stiker",
        ),
        1: (
            "creative", "kreatif", "yaratıcı", "unique", "unik", "özgün", "custom", "photo*",
            "design*", "desain*", "tasarım*", "event*", "video*", "print*", "cetak", "baskı*",
            "etiket*",
        ),
    },
    "technology": {
        3: (
            "software", "perangkat lunak", "yazılım*", "mobil uygulama", "mobile app*",
            "web development", "web developer*", "jasa pembuatan website", "pembuatan website",
            "web tasarım*", "web design", "it services", "it support", "it solutions", "saas",
            "servis laptop", "servis hp", "phone repair", "telefon tamir*", "bilgisayar tamir*",
            "computer repair", "data center", "siber güvenlik", "cyber security",
            "cybersecurity", "yapay zeka", "artificial intelligence", "kecerdasan buatan",
            "software house", "digital agency",
        ),
        2: (
            "aplikasi", "uygulama*", "teknologi", "technology", "technologies", "startup*",
            "teknoloji*", "bilgisayar*", "computer*", "komputer", "laptop*", "server*",
            "hosting", "cloud", "bulut", "coding", "programming", "pemrograman", "developer*",
            "yazılımcı*", "automation", "otomasyon", "otomatisasi", "network*",
            "jaringan", "ağ kurulumu", "api", "database*", "veritabanı", "integrat*",
            "entegrasyon*", "integrasi", "e-commerce", "e-ticaret", "ecommerce", "iot", "robot*",
        ),
        1: (
            "online", "smart", "pintar", "akıllı", "tech", "data", "veri", "app", "apps",
            "platform", "digital", "dijital", "website", "situs web",
        ),
    },
}

# Phrases that contain a lexicon word but mean something else; they are consumed, unscored.
BLOCKERS: tuple[str, ...] = (
    "of course", "kata kunci", "anahtar kelime*", "terima kasih", "customer service",
    "privacy policy", "kebijakan privasi", "gizlilik politika*", "all rights reserved",
    "hak cipta", "tüm hakları", "cookie*", "çerez*", "home page", "homepage", "ana sayfa",
    "beranda", "log in", "login", "sign up", "daftar", "giriş yap", "kayıt ol", "add to cart",
    "sepete ekle", "tambah ke keranjang", "shopping cart", "web sitesi", "website kami",
    "our website", "sitemizde", "sitemiz", "mobil uyumlu", "mobile friendly",
)

# Kept out of keywords: function words, plus what every website says ("contact", "login").
STOPWORDS: dict[str, str] = {
    "en": """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing don down during
        each few for from further had has have having he her here hers herself him himself
        his how i if in into is it its itself just me more most my myself no nor not now of
        off on once only or other our ours ourselves out over own same she should so some such
        than that the their theirs them themselves then there these they this those through to
        too under until up very was we were what when where which while who whom why will with
        would you your yours yourself yourselves us get got let lets via per etc one two three
        gets getting make makes made take takes
        first new many much every way well also really even still yet within without upon
        across around along whether though although since unless however therefore may might
        must shall let's it's we're you're they're i'm isn aren won doesn didn wasn weren can't
        don't won't ve ll re s t d m o y more less here's there's what's who's
        home about contact contacts page pages click read more login log sign cart checkout
        privacy policy terms conditions copyright rights reserved cookie cookies menu search
        skip content main navigation follow share email phone whatsapp instagram facebook
        tiktok twitter youtube linkedin website site web www com http https blog news faq
        welcome hello hi thanks thank please today now call address open hours monday tuesday
        wednesday thursday friday saturday sunday am pm
    """,
    "id": """
        yang dan di ke dari untuk dengan pada adalah ini itu atau juga tidak akan sudah belum
        bisa dapat ada dalam oleh sebagai karena jika kalau agar supaya maka lebih sangat
        saja hanya telah masih sedang setiap semua para kami kita anda kamu mereka dia ia saya
        aku kalian nya pun lah kah tersebut yaitu yakni serta namun tetapi tapi bahwa hingga
        sampai antara seperti bagi tanpa tentang oleh karena itu ketika saat setelah sebelum
        apa siapa mana bagaimana mengapa kapan berapa sini sana situ banyak sedikit beberapa
        sebuah seorang satu dua tiga jadi lagi pula pernah harus perlu mau ingin boleh
        terhadap akan bagaimana punya kok dong deh sih yuk ayo kak gan sis bro min bikin
        mau kirim melayani menerima cocok seluruh maupun langsung ready banget aja udah gak
        nggak enggak biar buat kasih lho loh nih tuh kayak sekarang kini nanti hari ini paling
        beranda tentang kontak hubungi masuk daftar keranjang cari menu selengkapnya baca
        halaman kebijakan privasi syarat ketentuan hak cipta dilindungi ikuti bagikan alamat
        telepon email whatsapp instagram facebook tiktok website situs blog berita selamat
        datang terima kasih senin selasa rabu kamis jumat sabtu minggu buka tutup jam wib
    """,
    "tr": """
        ve ile de da ki bu şu o bir için gibi daha çok en ama fakat ancak veya ya ise mi mı mu
        mü ne neden nasıl hangi kim nerede her hiç bazı tüm bütün kadar sonra önce olarak olan
        olan olur oldu olduğu olan olmak var yok değil biz siz sen ben onlar bizim sizin senin
        benim onun bize size sana bana bizi sizi seni beni şey diye göre ayrıca hem bile artık
        sadece yine üzere dolayı karşı kendi kendine sizler bizler eğer yani böyle şöyle öyle
        burada orada şimdi bugün yarın iki üç dört beş gibi içinde dışında arasında sizinle
        bizimle etmek yapmak olarak edilir edilen yapılan yapılır ediyoruz ediyor sunuyoruz
        bizi arayın ulaşın tıklayın hemen itibaren itibaren ister istediğiniz
        anasayfa ana sayfa hakkımızda iletişim giriş kayıt sepet ara menü devamı oku sayfa
        gizlilik politikası şartlar koşullar telif hakları saklıdır takip paylaş adres telefon
        eposta e-posta whatsapp instagram facebook tiktok web sitesi blog haber hoş geldiniz
        teşekkürler pazartesi salı çarşamba perşembe cuma cumartesi pazar açık kapalı saat
    """,
}

# Turkish words addressed to "you" ("kapınızda": at your door) or conjugated verbs ("geliyoruz")
# say how the site talks, not what it is about: never keywords. Folded fragments.
TR_NOT_KEYWORDS_CONTAINING = ("iniz", "unuz", "aniz", "eniz")
TR_NOT_KEYWORDS_ENDING = ("yor", "yoruz", "yorum", "yorsunuz", "yiz")

# Common in every business's text, so weak evidence of what makes this one distinctive.
GENERIC_WORDS: tuple[str, ...] = (
    "quality", "service", "services", "product", "products", "customer", "customers", "best",
    "great", "good", "team", "company", "business", "offer", "offers", "provide", "make",
    "need", "help", "want", "time", "year", "years", "price", "prices", "free", "order",
    "kualitas", "layanan", "produk", "pelanggan", "terbaik", "harga", "gratis", "pesan",
    "bisnis", "usaha", "tim", "tahun", "waktu", "kebutuhan", "jasa", "hizmet", "hizmetler",
    "hizmetlerimiz", "ürün", "ürünler", "ürünlerimiz", "müşteri", "müşteriler", "kalite",
    "kaliteli", "fiyat", "ücretsiz", "ekip", "firma", "yıl", "yıllık", "zaman", "sipariş",
)

# Tone cues. Second person is split by register where the language has one.
YOU_FORMAL = ("anda", "siz", "sizin", "sizi", "size", "sizler", "sizlere", "sizinle", "sizde")
# Turkish says "your" formally with a suffix ("randevunuz", "aracınızı"); folded fragments.
TR_FORMAL_YOUR = ("iniz", "unuz")
YOU_INFORMAL = (
    "kamu", "kalian", "kak", "kakak", "sobat", "gan", "sis", "bestie", "guys", "sen", "senin",
    "seni", "sana", "seninle", "sende",
)
YOU_NEUTRAL = ("you", "your", "yours", "yourself", "you're", "you'll", "you've")
SUPERLATIVES = (
    "best", "greatest", "finest", "amazing", "awesome", "ultimate", "unbeatable", "number one",
    "top", "perfect", "incredible", "legendary", "terbaik", "termurah",
    "terlengkap", "terpercaya", "terenak", "terbesar", "terfavorit", "nomor satu", "paling",
    "juara", "mantap", "en iyi", "en ucuz", "en kaliteli", "en uygun", "harika", "mükemmel",
    "muhteşem", "eşsiz", "bir numara", "efsane*", "süper", "super",
)
WARM_WORDS = (
    "family", "families", "friend*", "love*", "cozy", "cosy", "warm*", "welcome*", "home*",
    "together", "community", "smile*", "happy", "heart*", "keluarga", "sahabat", "teman",
    "ramah", "nyaman", "hangat", "senyum", "bahagia", "cinta", "bersama", "rumah", "aile*",
    "dost*", "samimi", "sıcak", "keyif*", "mutlu", "sevgi*", "gülümse*", "birlikte", "huzur*",
)
TRUST_WORDS = (
    "professional*", "certified", "licensed", "experienced", "experience", "expert*",
    "guarantee*", "warranty", "trusted", "reliable", "safe*", "hygien*", "standard*",
    "accredited", "insured", "profesional", "bersertifikat", "berpengalaman", "pengalaman",
    "ahli", "garansi", "terpercaya", "aman", "steril", "higienis", "standar", "berlisensi",
    "profesyonel*", "sertifikalı", "lisanslı", "deneyim*", "tecrübe*", "uzman*", "garanti*",
    "güven*", "hijyen*", "steril", "standart*", "akredite",
)
ENERGY_WORDS = (
    "now", "today", "hurry", "don't miss", "join", "let's", "go", "ayo", "yuk", "yuk!",
    "buruan", "segera", "sekarang", "jangan lewatkan", "gabung", "hemen", "hadi", "kaçırma*",
    "şimdi", "katıl*", "acele", "fırsat*", "limited", "terbatas", "sınırlı", "promo", "sale",
)
LUXURY_WORDS = (
    "luxury", "luxurious", "exclusive", "elegan*", "premium", "bespoke", "refined",
    "sophisticat*", "timeless", "mewah", "eksklusif", "berkelas", "lüks", "ayrıcalıklı",
    "seçkin", "zarif", "özel tasarım", "prestij*",
)

# Who the business talks to: cue -> words that point at it.
AUDIENCE_CUES: dict[str, tuple[str, ...]] = {
    "families": (
        "family", "families", "kids", "children", "child", "parents", "keluarga", "anak",
        "anak-anak", "orang tua", "aile*", "çocuk*", "veli*", "balita", "bebek*", "baby",
        "babies", "bayi",
    ),
    "women": (
        "women", "woman", "ladies", "female", "moms", "mothers", "bride*", "wanita",
        "perempuan", "ibu-ibu", "muslimah", "hijab*", "kadın*", "bayan*", "anne*", "gelin*",
        "hijaber*", "tesettür*",
    ),
    "men": (
        "men", "gentlemen", "barber*", "pria", "laki-laki", "cowok", "bapak-bapak", "erkek*",
        "beyefendi*", "damat", "beard*", "sakal*",
    ),
    "students": (
        "student*", "campus", "university", "college", "mahasiswa", "pelajar", "siswa",
        "kampus", "öğrenci*", "üniversite*", "kampüs*", "sekolah", "okul*", "school*",
    ),
    "young": (
        "young", "youth", "teen*", "gen z", "millennial*", "anak muda", "remaja", "genç*",
        "kekinian", "hits", "trendy",
    ),
    "companies": (
        "compan*", "corporate", "office*", "b2b", "perusahaan", "kantor", "instansi",
        "korporat", "şirket*", "kurumsal", "ofis*", "firma*", "umkm", "kobi*", "bulk order",
        "pesanan partai", "toplu sipariş*",
    ),
    "communities": (
        "community", "communities", "komunitas", "club", "clubs", "klub", "kulüp*", "topluluk*",
        "teams", "organisasi", "dernek*", "cemaat*",
    ),
    "tourists": (
        "tourist*", "visitor*", "traveler*", "traveller*", "wisatawan", "turis", "turist*",
        "yabancı", "foreigner*", "expat*",
    ),
    "locals": (
        "local*", "neighbo*", "nearby", "warga", "sekitar", "lokal", "setempat", "mahalle*",
        "semt*", "yöre*", "civar*", "komşu*",
    ),
}

# Cities worth naming in the audience: match terms, then en, id and tr (tr with its locative).
CITIES: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (("jakarta",), "Jakarta", "Jakarta", "Jakarta'da"),
    (("bandung",), "Bandung", "Bandung", "Bandung'da"),
    (("surabaya",), "Surabaya", "Surabaya", "Surabaya'da"),
    (("yogyakarta", "jogja", "jogjakarta", "yogya"), "Yogyakarta", "Yogyakarta", "Yogyakarta'da"),
    (("semarang",), "Semarang", "Semarang", "Semarang'da"),
    (("medan",), "Medan", "Medan", "Medan'da"),
    (("bali", "denpasar"), "Bali", "Bali", "Bali'de"),
    (("makassar",), "Makassar", "Makassar", "Makassar'da"),
    (("malang",), "Malang", "Malang", "Malang'da"),
    (("bogor",), "Bogor", "Bogor", "Bogor'da"),
    (("depok",), "Depok", "Depok", "Depok'ta"),
    (("tangerang",), "Tangerang", "Tangerang", "Tangerang'da"),
    (("bekasi",), "Bekasi", "Bekasi", "Bekasi'de"),
    (("palembang",), "Palembang", "Palembang", "Palembang'da"),
    (("istanbul",), "Istanbul", "Istanbul", "İstanbul'da"),
    (("ankara",), "Ankara", "Ankara", "Ankara'da"),
    (("izmir",), "Izmir", "Izmir", "İzmir'de"),
    (("bursa",), "Bursa", "Bursa", "Bursa'da"),
    (("antalya",), "Antalya", "Antalya", "Antalya'da"),
    (("konya",), "Konya", "Konya", "Konya'da"),
    (("adana",), "Adana", "Adana", "Adana'da"),
    (("gaziantep", "antep"), "Gaziantep", "Gaziantep", "Gaziantep'te"),
    (("eskisehir",), "Eskişehir", "Eskişehir", "Eskişehir'de"),
    (("kayseri",), "Kayseri", "Kayseri", "Kayseri'de"),
    (("trabzon",), "Trabzon", "Trabzon", "Trabzon'da"),
    (("mersin",), "Mersin", "Mersin", "Mersin'de"),
    (("london",), "London", "London", "Londra'da"),
    (("manchester",), "Manchester", "Manchester", "Manchester'da"),
    (("birmingham",), "Birmingham", "Birmingham", "Birmingham'da"),
    (("new york",), "New York", "New York", "New York'ta"),
    (("sydney",), "Sydney", "Sydney", "Sidney'de"),
    (("melbourne",), "Melbourne", "Melbourne", "Melbourne'de"),
    (("toronto",), "Toronto", "Toronto", "Toronto'da"),
    (("singapore", "singapura"), "Singapore", "Singapura", "Singapur'da"),
    (("dubai",), "Dubai", "Dubai", "Dubai'de"),
)

# A few words per industry and language, to round out keywords when a site says very little.
SEED_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "food_beverage": {
        "en": ("food", "drinks", "local flavours", "dine in", "takeaway"),
        "id": ("kuliner", "makanan", "minuman", "makan enak", "kuliner lokal"),
        "tr": ("lezzet", "yemek", "içecek", "taze", "yerel lezzetler"),
    },
    "fashion_retail": {
        "en": ("fashion", "clothing", "custom apparel", "style", "outfit"),
        "id": ("fashion", "pakaian", "kaos custom", "gaya", "outfit"),
        "tr": ("moda", "giyim", "özel tasarım", "tarz", "kombin"),
    },
    "beauty": {
        "en": ("beauty", "self care", "hair", "skincare", "salon"),
        "id": ("kecantikan", "perawatan", "rambut", "skincare", "salon"),
        "tr": ("güzellik", "bakım", "saç", "cilt bakımı", "kuaför"),
    },
    "health": {
        "en": ("health", "clinic", "care", "appointment", "patients"),
        "id": ("kesehatan", "klinik", "perawatan", "konsultasi", "pasien"),
        "tr": ("sağlık", "klinik", "tedavi", "randevu", "hasta"),
    },
    "fitness": {
        "en": ("fitness", "workout", "training", "gym", "healthy lifestyle"),
        "id": ("kebugaran", "latihan", "olahraga", "gym", "hidup sehat"),
        "tr": ("fitness", "antrenman", "spor", "spor salonu", "sağlıklı yaşam"),
    },
    "home_services": {
        "en": ("home services", "repairs", "fast response", "local technician", "service call"),
        "id": ("jasa", "perbaikan", "teknisi", "panggilan", "servis rumah"),
        "tr": ("ev hizmetleri", "tamir", "hızlı servis", "usta", "acil servis"),
    },
    "retail": {
        "en": ("shop", "products", "shopping", "deals", "local store"),
        "id": ("toko", "belanja", "produk", "promo", "toko lokal"),
        "tr": ("mağaza", "alışveriş", "ürünler", "kampanya", "yerel mağaza"),
    },
    "education": {
        "en": ("courses", "learning", "classes", "students", "education"),
        "id": ("kursus", "belajar", "kelas", "siswa", "pendidikan"),
        "tr": ("kurs", "eğitim", "dersler", "öğrenciler", "öğrenme"),
    },
    "hospitality_travel": {
        "en": ("travel", "stay", "holiday", "rooms", "tours"),
        "id": ("wisata", "penginapan", "liburan", "kamar", "tur"),
        "tr": ("seyahat", "konaklama", "tatil", "odalar", "turlar"),
    },
    "professional_services": {
        "en": ("consulting", "expert advice", "clients", "professional services", "solutions"),
        "id": ("konsultasi", "jasa profesional", "klien", "solusi", "ahli"),
        "tr": ("danışmanlık", "uzman destek", "müşteriler", "profesyonel hizmet", "çözümler"),
    },
    "automotive": {
        "en": ("car care", "service", "repairs", "vehicles", "maintenance"),
        "id": ("otomotif", "servis", "bengkel", "kendaraan", "perawatan mobil"),
        "tr": ("otomotiv", "servis", "bakım", "araç", "onarım"),
    },
    "arts_crafts": {
        "en": ("handmade", "creative", "design", "art", "gifts"),
        "id": ("kerajinan", "kreatif", "desain", "seni", "hadiah"),
        "tr": ("el yapımı", "yaratıcı", "tasarım", "sanat", "hediye"),
    },
    "technology": {
        "en": ("technology", "software", "digital", "solutions", "support"),
        "id": ("teknologi", "aplikasi", "digital", "solusi", "dukungan"),
        "tr": ("teknoloji", "yazılım", "dijital", "çözümler", "destek"),
    },
    "other": {
        "en": ("local business", "community", "quality", "service", "customers"),
        "id": ("bisnis lokal", "komunitas", "kualitas", "layanan", "pelanggan"),
        "tr": ("yerel işletme", "topluluk", "kalite", "hizmet", "müşteriler"),
    },
}
# fmt: on
