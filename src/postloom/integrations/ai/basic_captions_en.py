"""English sentences for the basic caption engine.

Each slot holds whole sentences written by hand; ``{fields}`` are filled from the brief and the
brand (a capitalised field, ``{Item}``, starts a sentence). A sentence whose fields a post
cannot fill (no price, no highlights) is skipped for that post. Exclamation marks are written
where a friendly voice would use them; calmer tones turn them into full stops.
"""

from __future__ import annotations

# fmt: off
SLOTS: dict[str, tuple[str, ...]] = {
    # --- Openers, by pillar -------------------------------------------------------------
    "open.product_spotlight": (
        "Say hello to {item}!",
        "Today's spotlight: {item}.",
        "If you haven't met {item} yet, let us introduce you.",
        "A closer look at {item}, because it deserves one.",
        "This is {item}, and we're a little proud of it.",
        "Some things are worth slowing down for. {Item} is one of them.",
        "Let's talk about {item} for a minute.",
        "Meet the star of today's post: {item}.",
    ),
    "open.behind_the_scenes": (
        "Ever wondered what happens in {place} before you arrive?",
        "A quick peek behind the scenes at {brand}.",
        "No filters, no staging: this is {place} on a normal day.",
        "Here's the part of {brand} you don't usually see.",
        "Step behind the scenes with us for a minute.",
        "Before anything reaches you, it passes through {place}.",
        "{Team}, at work, exactly as it happens.",
    ),
    "open.tips": (
        "A small tip that makes a real difference.",
        "Save this one for later!",
        "Quick tip from {team}.",
        "Something we wish everyone knew.",
        "Here's a tip we share with everyone who asks.",
        "Little habit, big difference.",
    ),
    "open.social_proof": (
        "You're the reason we do this.",
        "Every order, every review and every tag means the world to us.",
        "A big thank you to everyone who chose {brand} this month!",
        "Nothing makes our day like seeing {item} in your photos.",
        "Your kind words keep {team} going.",
        "We read every message you send, and we're grateful for each one.",
    ),
    "open.promotion": (
        "Good news for your week: {item} is waiting for you.",
        "Now's a great time to treat yourself to {item}.",
        "Heads up: {item} is ready to order!",
        "Been meaning to try {item}? Here's your reason.",
        "Treat yourself, you've earned it: {item} is here.",
        "Something special this week: {item}.",
    ),
    "open.question": (
        "Quick question for you!",
        "We want to hear from you today.",
        "Settle a friendly debate for us.",
        "Let's hear it from you.",
        "Time for a little chat in the comments!",
    ),
    "open.local_occasion": (
        "{Occasion} is a time we look forward to all year.",
        "This {occasion}, we're celebrating with you.",
        "Special days call for something special.",
        "{Occasion} feels different when we share it with you.",
        "Here's how {brand} is getting ready for {occasion}.",
        "Proudly part of {city}, today and every day.",
    ),
    # --- AIDA ---------------------------------------------------------------------------
    "aida.interest": (
        "{Angles}: that's what sets it apart.",
        "It's made with {detail}, and you can tell.",
        "What makes it special? {Angles}.",
        "We put {detail} into every single one.",
        "People often ask what makes it different. The short answer: {detail}.",
    ),
    "aida.desire": (
        "Picture it as part of {moment}.",
        "Imagine {outcome}.",
        "Think of {moment}, only better.",
        "It's the kind of thing that turns an ordinary day into {outcome}.",
        "Once you've tried it, {moment} won't feel the same.",
    ),
    # --- PAS ----------------------------------------------------------------------------
    "pas.problem": (
        "Tired of {pain}?",
        "We've all been there: {pain}.",
        "{Pain}. Sound familiar?",
        "Let's be honest about {pain}.",
        "Nobody enjoys {pain}.",
    ),
    "pas.agitate": (
        "It costs you time, energy and a good mood.",
        "And it always seems to happen when you least need it.",
        "It's a small thing, until it happens every week.",
        "You deserve better than that.",
        "It adds up faster than you'd think.",
    ),
    "pas.solution": (
        "That's exactly why we made {item}.",
        "{Item} is made for moments like these.",
        "Here's where {brand} comes in: {item}, made with {detail}.",
        "Our answer is simple: {item}.",
        "With {item}, that's one less thing to worry about.",
    ),
    # --- FAB ----------------------------------------------------------------------------
    "fab.feature": (
        "The details: {angles}.",
        "What you get: {angles}.",
        "The essentials: {angles}.",
        "Made with {detail}.",
        "Here's what goes into it: {detail}.",
    ),
    "fab.advantage": (
        "That means no compromises and no surprises.",
        "So it works as well on a busy Monday as on a slow Sunday.",
        "Which means it's ready when you are.",
        "The result is quality you notice straight away.",
        "That's the difference between good and really good.",
    ),
    "fab.benefit": (
        "For you, that means {outcome}.",
        "All so you can enjoy {outcome}.",
        "In short: {outcome}, without the fuss.",
        "What you're left with is {outcome}.",
    ),
    # --- Before, after, bridge ------------------------------------------------------------
    "bab.before": (
        "Before: {pain}.",
        "Remember {pain}?",
        "Picture the usual: {pain}.",
        "Too many weeks start with {pain}.",
    ),
    "bab.after": (
        "After: {outcome}.",
        "Now imagine {outcome} instead.",
        "Now picture {outcome}.",
        "Then comes the good part: {outcome}.",
    ),
    "bab.bridge": (
        "The bridge between the two? {Item}.",
        "What changed? {Item}, from {team}.",
        "What makes the difference is {item}.",
        "That's the gap {item} fills.",
    ),
    # --- 4U: useful, urgent, unique, ultra-specific ---------------------------------------
    "4u.urgent": (
        "Don't wait until next week for this one.",
        "Today is a good day to try something new.",
        "This is your reminder to stop putting it off.",
        "Make this the week you finally try it.",
    ),
    "4u.useful": (
        "It's built for real life: {detail}.",
        "It's practical, it's good, and it fits right into {moment}.",
        "Useful, simple and made with {detail}.",
        "It makes {moment} easier, and a lot nicer.",
    ),
    "4u.specific": (
        "The specifics: {angles}.",
        "{Item} comes in at {price}.",
        "Here's the deal: {angles}.",
        "For {price}, {item} is ready for you.",
        "Made with {detail}, and nothing you don't need.",
    ),
    # --- Storytelling -------------------------------------------------------------------
    "story.scene": (
        "It's early in {place}, and the day is just getting started.",
        "Most of our days begin the same way: quietly, in {place}.",
        "There's a moment every morning in {place} that we love.",
        "It started with a simple idea at {brand}: do the small things well.",
        "Here's a little story from {place}.",
    ),
    "story.turn": (
        "Then {team} gets to work, one careful step at a time.",
        "Then the doors open and everything speeds up.",
        "That's when {detail} really matter.",
        "It isn't glamorous, but it's where the care happens.",
        "Little by little, everything comes together.",
    ),
    "story.payoff": (
        "And that's how {item} ends up in your hands.",
        "By the time it reaches you, it's exactly how it should be.",
        "That's the part of {brand} we're proudest of.",
        "It's the reason we never rush {item}.",
        "All of it, just for you.",
    ),
    # --- Question-led -------------------------------------------------------------------
    "question.ask": (
        "What's your go-to at {brand}?",
        "How do you like to enjoy {item}?",
        "What should {team} make next?",
        "Be honest: what's the first thing you notice about {item}?",
        "Which would you pick: the classic, or something new?",
        "What would make {moment} perfect for you?",
    ),
    "question.context": (
        "There are no wrong answers, we promise.",
        "We read every comment, and your answers really do guide us.",
        "We're curious, and we'd love to hear it in your own words.",
        "Tell us below; we'll reply to as many as we can.",
    ),
    # --- Lists --------------------------------------------------------------------------
    "list.intro": (
        "A few things worth knowing:",
        "Our short list, worth saving:",
        "A few pointers from {team}:",
        "What we tell everyone who asks:",
    ),
    "list.intro_angles": (
        "Why {item}?",
        "A few reasons to love {item}:",
        "What makes {item} different:",
    ),
    "list.outro": (
        "Simple, but it works.",
        "Small things, big difference.",
        "Try one this week and tell us how it goes!",
        "Which one will you try first?",
    ),
    # --- Pillar lines -------------------------------------------------------------------
    "core.product_spotlight": (
        "Made by {team}, with {detail}.",
        "It's one of those things that quietly makes {moment} better.",
        "Every one is made with {detail}.",
    ),
    "core.behind_the_scenes": (
        "Every day starts with {team} checking the small things nobody sees.",
        "It takes time, and we wouldn't have it any other way.",
        "This is where {detail} come from.",
        "It's not always pretty, but it's always honest.",
    ),
    "core.tips": (
        "Our tip: {tip}",
        "Try this: {tip}",
        "Here it is: {tip}",
        "{Tip}",
    ),
    "core.social_proof": (
        "Keep tagging us: we see every single post.",
        "Your feedback shapes what we do next.",
        "Thank you for trusting {brand}.",
        "Every kind word gets passed on to {team}.",
    ),
    "core.promotion": (
        "Available now at {brand}.",
        "Just say the word.",
        "It's the perfect excuse for a little treat.",
    ),
    "core.question": (
        "There are no wrong answers, we promise.",
        "We're reading every reply.",
        "Your answer might just inspire our next post.",
    ),
    "core.local_occasion": (
        "We're celebrating with {item}.",
        "From all of us at {brand}: thank you for being part of our story.",
    ),
    # --- Product facts ------------------------------------------------------------------
    "name": (
        "Today's pick: {item}.",
        "The one to try: {item}.",
    ),
    "angles": (
        "Why you'll love it: {angles}.",
        "The details that matter: {angles}.",
        "{Angles}. No shortcuts.",
        "In a few words: {angles}.",
    ),
    "price": (
        "Price: {price}.",
        "Yours for {price}.",
        "All for {price}.",
        "It's {price}, and worth every bit.",
    ),
    "topic": (
        "Today's topic: {topic}.",
        "Let's talk about {topic}.",
        "This one is about {topic}.",
        "On our minds today: {topic}.",
    ),
    # --- Format lines -------------------------------------------------------------------
    "type.carousel": (
        "Swipe through to see it all.",
        "Swipe left for the full story.",
        "Keep swiping, the best part is at the end.",
    ),
    "type.reel": (
        "Watch till the end.",
        "Sound on for this one.",
        "Watch it come together.",
    ),
    "type.tiktok_video": (
        "Watch till the end, it's worth it.",
        "Follow for more from {brand}.",
        "Stitch this with your own take!",
    ),
    "type.tiktok_photo": (
        "Swipe through the photos.",
        "Save the photos for later.",
    ),
    "type.story": (
        "Tap to see more.",
        "Tap through for the rest.",
        "Hold to pause, tap for more.",
        "More in the next frame.",
    ),
    # --- Calls to action ----------------------------------------------------------------
    "cta.order": (
        "Send us a message to order yours.",
        "Order now and treat yourself!",
        "Drop us a DM and we'll sort out your order.",
        "Ready to try it? Message us to order.",
    ),
    "cta.book": (
        "Send us a message to book your appointment.",
        "DM us to book a time that suits you.",
        "Ready when you are: book your slot today!",
        "Book ahead and skip the wait.",
    ),
    "cta.visit": (
        "Come and see us at {brand}.",
        "Drop by and say hello!",
        "Come by {brand}, we'd love to see you.",
        "Come visit us in {city}!",
    ),
    "cta.dm": (
        "Send us a DM for details.",
        "Questions? Our inbox is open.",
        "Message us and we'll help you choose.",
    ),
    "cta.follow": (
        "Follow {brand} for more days like this.",
        "Follow along for more behind the scenes.",
        "Stay tuned, there's more where this came from!",
    ),
    "cta.save": (
        "Save this post for later.",
        "Save it, and share it with a friend who needs it.",
        "Bookmark this for {moment}.",
    ),
    "cta.share": (
        "Share this with someone who'd find it useful.",
        "Know someone who needs this? Send it their way.",
        "Pass it on to a friend!",
    ),
    "cta.tag": (
        "Tag us in your photos; we love seeing them!",
        "Tag a friend who should try {item}.",
        "Share your {brand} moment and tag us.",
    ),
    "cta.review": (
        "Enjoyed it? A short review helps us more than you know.",
        "Tell us what you think in the comments.",
    ),
    "cta.comment": (
        "Tell us in the comments!",
        "Drop your answer below.",
        "Comment below, we're reading.",
        "Leave your answer in the comments and we'll reply.",
    ),
    "cta.reply": (
        "Reply to this story and let us know!",
        "Send us a reply, we read them all.",
        "Hit reply and tell us what you think.",
        "Send us your answer in a DM.",
        "Reply with an emoji if you agree!",
    ),
    # --- Persona ------------------------------------------------------------------------
    "persona.intro": (
        "Hi, {persona} here!",
        "{Persona} here, popping in with today's post.",
        "Hey, it's {persona}!",
    ),
    "persona.signoff": (
        "— {persona}",
        "See you soon, {persona}",
        "Love, {persona}",
    ),
    # --- On-image headline (40 characters at most, once filled) -------------------------
    "headline.product_spotlight": ("{Item}", "Meet {item}", "Say hello to {item}"),
    "headline.behind_the_scenes": ("Behind the scenes", "A day at {brand}", "How it's made"),
    "headline.tips": ("Quick tip", "Save this tip", "Tips from {brand}", "Good to know"),
    "headline.social_proof": ("Thank you!", "You make our day", "Made for you"),
    "headline.promotion": ("{Item}, {price}", "Treat yourself", "Now available", "{Item}"),
    "headline.question": ("Your turn!", "Tell us!", "Quick question", "We want to know"),
    "headline.local_occasion": ("{Occasion}", "Proudly local"),
    # --- Alt text -----------------------------------------------------------------------
    "alt.product": ("Photo of {item} from {brand}.",),
    "alt.generic": ("Image from {brand}: {subject}.",),
    "alt.headline": ("Text on the image: “{headline}”.",),
}

# What a post without a product shows, for the alt text.
SUBJECTS: dict[str, str] = {
    "product_spotlight": "a look at what we offer",
    "behind_the_scenes": "a look behind the scenes",
    "tips": "a tip for followers",
    "social_proof": "a thank-you to customers",
    "promotion": "an offer of the week",
    "question": "a question for followers",
    "local_occasion": "a seasonal greeting",
}

# How the reader is addressed, by register (English has one "you").
YOU = {"casual": "you", "polite": "you"}
KAK = {"casual": "", "polite": ""}
# fmt: on
