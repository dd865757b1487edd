// A fresh install should look like a living paper, not an empty page, so that themes, feeds and
// comment threads can be judged at once. Everything here is invented: Port Aldwick does not exist.
using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

public static class DemoContent
{
    private const string DemoUserAgent = "Mozilla/5.0 (demo)";

    public static async Task SeedIfEmptyAsync(BroadsheetDb db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (await db.Articles.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = ToWholeMinute(time.GetUtcNow().UtcDateTime);
        var authors = CreateAuthors().ToDictionary(author => author.Slug);
        var categories = CreateCategories().ToDictionary(category => category.Slug);
        var tags = CreateTags().ToDictionary(tag => tag.Slug);
        var articles = ArticleSeeds.Select(seed => CreateArticle(seed, now, authors, categories, tags)).ToList();

        db.AddRange(authors.Values);
        db.AddRange(categories.Values);
        db.AddRange(tags.Values);
        db.AddRange(articles);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime ToWholeMinute(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static Article CreateArticle(
        ArticleSeed seed,
        DateTime now,
        Dictionary<string, Author> authors,
        Dictionary<string, Category> categories,
        Dictionary<string, Tag> tags)
    {
        var publishedAt = now - seed.Age;
        var article = new Article
        {
            Title = seed.Title,
            Slug = seed.Slug,
            BodyMarkdown = "",
            BodyHtml = "",
            Excerpt = seed.Excerpt,
            Status = ArticleStatus.Published,
            PublishedAt = publishedAt,
            UpdatedAt = publishedAt,
            AreCommentsOpen = seed.CommentsOpen,
            Author = authors[seed.Author],
            Category = categories[seed.Category],
            Tags = [.. seed.Tags.Split(' ').Select(slug => tags[slug])],
        };
        article.SetBody(seed.Body);
        AddComments(article, null, publishedAt, seed.Comments);
        return article;
    }

    // Each comment's time is counted from its parent's (or, at the top, from publication), so
    // replies always come after what they answer.
    private static void AddComments(Article article, Comment? parent, DateTime after, IEnumerable<CommentSeed> seeds)
    {
        foreach (var seed in seeds)
        {
            var commenter = Commenters[seed.Who];
            var comment = new Comment
            {
                Article = article,
                Parent = parent,
                AuthorName = commenter.Name,
                AuthorEmail = commenter.Email.ToLowerInvariant(),
                AuthorUrl = commenter.Url,
                Content = seed.Text,
                Status = CommentStatus.Approved,
                CreatedAt = after.AddMinutes(seed.MinutesAfter),
                IpAddress = commenter.IpAddress,
                UserAgent = DemoUserAgent,
            };
            article.Comments.Add(comment);
            AddComments(article, comment, comment.CreatedAt, seed.Replies);
        }
    }

    private static Author[] CreateAuthors() =>
    [
        new Author
        {
            Name = "Maren Holt",
            Slug = "maren-holt",
            Bio = "Chief reporter. Maren has covered Port Aldwick's council, courts and coastline for twelve years, "
                + "and still walks the harbour wall every morning before deciding what the news is.",
        },
        new Author
        {
            Name = "Tobias Penrose",
            Slug = "tobias-penrose",
            Bio = "Business editor. A former fishmarket clerk, Tobias writes about the trades, shops and boats "
                + "that keep the town's money moving.",
        },
        new Author
        {
            Name = "Ines Calloway",
            Slug = "ines-calloway",
            Bio = "Arts and culture writer. Ines reviews everything the Pier Theatre puts on and has never once "
                + "left at the interval.",
        },
        new Author
        {
            Name = "Rhodri Vance",
            Slug = "rhodri-vance",
            Bio = "Sports reporter. Rhodri follows Aldwick Athletic home and away, rows in a gig crew when asked, "
                + "and is always asked.",
        },
    ];

    private static Category[] CreateCategories() =>
    [
        new Category
        {
            Name = "News",
            Slug = "news",
            Description = "What is happening in Port Aldwick, Marram Sands and along the estuary.",
        },
        new Category
        {
            Name = "Business",
            Slug = "business",
            Description = "Shops, boats, markets and the people who make a living in the town.",
        },
        new Category
        {
            Name = "Culture",
            Slug = "culture",
            Description = "Music, theatre, books and the town's long memory.",
        },
        new Category
        {
            Name = "Sport",
            Slug = "sport",
            Description = "Football at Wend Park, rowing on the estuary and everything in between.",
        },
    ];

    private static Tag[] CreateTags() =>
    [
        new Tag { Name = "Harbour", Slug = "harbour" },
        new Tag { Name = "Transport", Slug = "transport" },
        new Tag { Name = "Council", Slug = "council" },
        new Tag { Name = "Fishing", Slug = "fishing" },
        new Tag { Name = "Food & Drink", Slug = "food-and-drink" },
        new Tag { Name = "Music", Slug = "music" },
        new Tag { Name = "Theatre", Slug = "theatre" },
        new Tag { Name = "Schools", Slug = "schools" },
        new Tag { Name = "Football", Slug = "football" },
        new Tag { Name = "Sailing & Rowing", Slug = "sailing-and-rowing" },
        new Tag { Name = "Heritage", Slug = "heritage" },
        new Tag { Name = "Community", Slug = "community" },
    ];

    private static TimeSpan Ago(int days, int hours, int minutes) => new(days, hours, minutes, 0);

    private static CommentSeed Say(string who, int minutesAfter, string text, params CommentSeed[] replies) =>
        new(who, minutesAfter, text, replies);

    private sealed record Commenter(string Name, string Email, string? Url, string IpAddress);

    private sealed record CommentSeed(string Who, int MinutesAfter, string Text, IReadOnlyList<CommentSeed> Replies);

    private sealed record ArticleSeed
    {
        public required string Title { get; init; }
        public required string Slug { get; init; }
        public required string Author { get; init; }
        public required string Category { get; init; }

        // Tag slugs separated by single spaces.
        public required string Tags { get; init; }

        // How long before "now" the article was published.
        public required TimeSpan Age { get; init; }
        public required string Excerpt { get; init; }
        public required string Body { get; init; }
        public bool CommentsOpen { get; init; } = true;
        public IReadOnlyList<CommentSeed> Comments { get; init; } = [];
    }

    private static readonly Dictionary<string, Commenter> Commenters = new()
    {
        ["margaret"] = new("Margaret Trewin", "margaret.trewin@example.com", null, "192.0.2.10"),
        ["alfie"] = new("Alfie Dunmore", "alfie.dunmore@example.net", null, "198.51.100.7"),
        ["priya"] = new("Priya Castell", "priya.castell@example.org", "https://priya-castell.example", "203.0.113.5"),
        ["dougie"] = new("Dougie Fenwick", "dougie.fenwick@example.com", null, "192.0.2.24"),
        ["jo"] = new("Jo Treloar", "jo.treloar@example.net", "https://aldwick-gigs.example", "198.51.100.31"),
        ["ewan"] = new("Ewan Petrie", "ewan.petrie@example.org", null, "203.0.113.48"),
        ["nell"] = new("Nell Ashby", "nell.ashby@example.com", null, "192.0.2.57"),
        ["rosa"] = new("Rosa Quinlan", "rosa.quinlan@example.net", "https://rosa-bakes.example", "198.51.100.62"),
        ["bill"] = new("Bill Oakes", "bill.oakes@example.org", null, "203.0.113.73"),
        ["tess"] = new("Tess Moreland", "tess.moreland@example.com", null, "192.0.2.86"),
        ["fergus"] = new("Fergus Lyle", "fergus.lyle@example.net", null, "198.51.100.94"),
        ["kit"] = new("Kit Marsh", "kit.marsh@example.org", "https://kit-marsh.example", "203.0.113.105"),
        ["maren"] = new("Maren Holt", "maren.holt@broadsheet.example", null, "192.0.2.1"),
        ["tobias"] = new("Tobias Penrose", "tobias.penrose@broadsheet.example", null, "192.0.2.2"),
        ["ines"] = new("Ines Calloway", "ines.calloway@broadsheet.example", null, "192.0.2.3"),
        ["rhodri"] = new("Rhodri Vance", "rhodri.vance@broadsheet.example", null, "192.0.2.4"),
    };

    private static readonly ArticleSeed[] NewsSeeds =
    [
        new ArticleSeed
        {
            Title = "Harbour & Rail: Plans for a Single Ticket from Station to Quay",
            Slug = "harbour-and-rail-single-ticket-plan",
            Author = "maren-holt",
            Category = "news",
            Tags = "harbour transport council",
            Age = Ago(0, 2, 0),
            Excerpt = "A joint ticket covering the branch line and the harbour ferry could be on sale by spring, "
                + "if the Harbour Trust and the rail operator can agree how to split the fare.",
            Body = """
                Travellers arriving at Aldwick Halt may soon be able to buy one ticket that carries them all the way across the water to the Quay, under plans put to the Harbour Trust on Tuesday evening.

                At present, visitors who step off the branch-line train face a ten-minute walk down Station Road, a queue at the ferry kiosk and a second fare. The proposal would bundle both journeys into a single ticket, sold at the station and through the rail operator's app.

                ## How it would work

                The draft scheme, which the Trust's board described as "sensible but unfinished", sets out three options:

                - a through ticket from any station on the branch line to the Quay landing;
                - a day rover covering unlimited ferry crossings for rail passengers;
                - a discounted residents' card for anyone with a Port Aldwick postcode.

                The sticking point is money. Ferry fares are set by the Trust, rail fares are not, and nobody has yet agreed who keeps what when a combined ticket is sold.

                > "The idea is simple. The accounting is not," said the Trust's operations manager, Gwen Halloran. "We would rather take another month and get it right than launch something that confuses people at the ticket machine."

                Residents can read the full proposal and leave their views on the [Harbour Trust consultation page](https://example.org/harbour-trust/consultation) until the end of next month. A decision is expected before the summer timetable goes to the printers.
                """,
        },
        new ArticleSeed
        {
            Title = "Storm Leaves Esplanade Railings Bent but Port Aldwick Unbowed",
            Slug = "storm-leaves-esplanade-railings-bent",
            Author = "maren-holt",
            Category = "news",
            Tags = "harbour community",
            Age = Ago(3, 10, 5),
            Excerpt = "Overnight gales tore up paving on the Esplanade and pushed two fishing boats onto the slipway, "
                + "but volunteers had the seafront cleared by lunchtime.",
            Body = """
                Gusts of more than seventy miles an hour battered Port Aldwick overnight on Sunday, bending a long stretch of the Esplanade railings and lifting paving slabs outside the lifeboat station.

                Two small fishing boats broke free of their moorings in the inner harbour and were carried onto the public slipway. Neither was badly damaged, and both were back in the water by Monday afternoon after a tractor and a dozen pairs of hands hauled them clear.

                **No one was hurt**, the coastguard confirmed, though the Saltgate end of the seafront was closed to traffic until the early hours while loose roof tiles were dealt with.

                By nine o'clock on Monday morning a small army had turned out with brooms, shovels and flasks of tea. Shopkeepers on the Esplanade opened their doors to volunteers, and the bakery on the corner of Gull Hill handed out bacon rolls to anyone holding a bin bag.

                > "You find out what a town is made of on mornings like this," said Pat Renwick, who has run the seafront kiosk for nineteen years. "Half the people here weren't even asked. They just came."

                The council says the railings will be straightened or replaced within a fortnight. Until then, the damaged section is fenced off, and walkers are asked to use the upper path past the bandstand.
                """,
            Comments =
            [
                Say("priya", 45, "I took photos along the Esplanade at first light, if anyone wants to see the railings before they're fixed. Mostly of the volunteers, though, which felt like the better story.\n\nThey're on my site and free to share."),
                Say(
                    "bill",
                    120,
                    "Thanks to whoever cleared the slipway. My boat was one of the two and I couldn't get down until ten.",
                    Say("maren", 50, "Glad she's back in the water, Bill. The harbourmaster says it took eleven people and one very patient tractor driver.")),
                Say(
                    "tess",
                    200,
                    "For anyone heading out on the coast path this week: check the tides first. The lower path is still covered in shingle at high water.\n\nhttps://example.org/tide-tables",
                    Say("dougie", 65, "Good advice. I'd add that the steps down by the bandstand are loose as well, so take the ramp.")),
            ],
        },
        new ArticleSeed
        {
            Title = "Gull Hill School Crossing Finally Gets Its Lollipop Warden",
            Slug = "gull-hill-school-crossing-warden",
            Author = "maren-holt",
            Category = "news",
            Tags = "schools community transport",
            Age = Ago(16, 9, 25),
            Excerpt = "After a two-year campaign by parents, the busy crossing outside Gull Hill Primary will be staffed "
                + "every school morning and afternoon from Monday.",
            Body = """
                Parents at Gull Hill Primary have won their two-year campaign for a school crossing patrol, after the council confirmed that a warden will be on duty outside the gates from Monday.

                The crossing, where Gull Hill meets the coast road, is used by around two hundred children a day. Parents say that traffic heading for the harbour car park often comes over the brow of the hill far too fast to stop.

                The new warden is Reg Pellow, a retired bus driver who has lived on the hill all his life. He says he applied on the day the post was advertised.

                > "I drove the number 4 past this school for thirty years," he said. "I know exactly how fast people come over that hill, because some of them were overtaking me."

                The campaign was led by a group of parents who stood at the crossing with clipboards every morning for a month, counting cars. Their survey, which found more than a third of drivers over the limit, was presented to the council last autumn.

                Headteacher Amira Dhillon thanked the families involved. "This was parents doing the slow, careful work of making a case," she said. "The children will be safer because of it, and they have learned that asking politely, and persistently, can actually work."
                """,
            Comments =
            [
                Say("margaret", 30, "Reg Pellow drove me to work for years. There won't be a driver alive who gets past him."),
                Say(
                    "tess",
                    70,
                    "Well done to the parents who did the counting. I saw them out there in the rain and wondered what on earth they were doing.",
                    Say("kit", 30, "I was one of them! The secret was a thermos and two pairs of gloves.")),
                Say("jo", 200, "It would be good to see the same on the coast road by the harbour car park. The bus stop there is right on the bend, and the children from the Quay cross there every day."),
            ],
        },
        new ArticleSeed
        {
            Title = "Council Backs Trial of a Late-Night Ferry to Marram Sands",
            Slug = "late-night-ferry-trial-marram-sands",
            Author = "tobias-penrose",
            Category = "news",
            Tags = "council transport harbour",
            Age = Ago(12, 7, 35),
            Excerpt = "A six-month trial will add a last crossing at 11pm on Fridays and Saturdays, giving Marram Sands "
                + "residents a way home after an evening in town.",
            Body = """
                Residents of Marram Sands will no longer have to leave the pub before nine o'clock to catch the last boat home, after councillors agreed to fund a six-month trial of late-night ferry crossings.

                From the start of next month, an extra sailing will leave the Quay at **11pm on Fridays and Saturdays**, with a return crossing from the Sands ten minutes later. The regular timetable is unchanged.

                For years, the only way back across the estuary after the last boat was a taxi on a forty-minute road journey round the head of the river. Hospitality workers, who often finish after ten, have been among the loudest voices calling for a change.

                ## Will anyone use it?

                The trial will cost about £18,000, shared between the council and the Harbour Trust. Passengers will be counted on every crossing, and the service will only continue if it carries an average of at least twenty-five people a night.

                Not everyone is convinced. Several Quayside residents have written to the council about noise on the landing late at night, and the Trust has promised that staff will be on hand to keep things calm.

                Ferry skipper Dan Morrow is hopeful. "Give it a warm Saturday in June and we'll need a bigger boat," he said.
                """,
            Comments =
            [
                Say("fergus", 40, "About time. I work at the Anchor until half ten most weekends and it's been a forty-quid taxi every single time."),
                Say(
                    "dougie",
                    90,
                    "I'm all for it, but twenty-five people a night in the depths of winter? I can't see it. Perhaps the trial should have started in spring.",
                    Say(
                        "ewan",
                        25,
                        "It runs into the summer, though. Six months from next month takes it well into the busy season, so I think the timing is deliberate.",
                        Say("dougie", 20, "Ah, fair point, I hadn't counted the months. I'll withdraw the grumble."))),
                Say("nell", 240, "I live on the Quay and I'm happy with this. A few people walking home at half eleven is nothing compared with the gulls at four in the morning."),
            ],
        },
    ];

    private static readonly ArticleSeed[] BusinessSeeds =
    [
        new ArticleSeed
        {
            Title = "Café Brisa Opens on the Quay in the Old Chandlery",
            Slug = "cafe-brisa-opens-on-the-quay",
            Author = "tobias-penrose",
            Category = "business",
            Tags = "food-and-drink harbour",
            Age = Ago(2, 6, 40),
            Excerpt = "Two sisters have turned the former ship's chandlery on the Quay into a café, keeping the brass "
                + "fittings, the long counter and most of the drawers.",
            Body = """
                The old chandlery on the Quay, empty since its owner retired three winters ago, reopened on Saturday as Café Brisa, run by sisters Lucía and Marta Ferrer.

                The sisters grew up in a fishing town on the far side of the Bay of Biscay and moved to Port Aldwick eight years ago. Until now they sold pastries from a market stall in Saltgate on Saturdays; the café is their first permanent home.

                They have kept as much of the old shop as they could. The long mahogany counter is still there, as are the numbered drawers that once held shackles and split pins. Some of them now hold teaspoons.

                ## On the menu

                - coffee roasted in small batches by a roaster up the valley;
                - **custard tarts**, baked every morning from six;
                - a fish stew on Fridays, made with whatever the boats bring in.

                > "We wanted the fishermen to feel they could still walk in wearing their boots," said Lucía Ferrer. "It is their Quay before it is ours."

                The café is open from seven in the morning until four in the afternoon, and closed on Tuesdays. Early reviews from the harbour wall have been warm, though one regular admitted that he still misses being able to buy rope there.
                """,
            Comments =
            [
                Say(
                    "rosa",
                    60,
                    "Went in on Saturday morning and the custard tarts are as good as they were at the market stall, maybe better now they have a proper oven.\n\nLovely to see the old counter still there.",
                    Say(
                        "margaret",
                        35,
                        "My father bought his rope at that counter for forty years. He'd have been baffled by a flat white, but delighted to see the place open again.",
                        Say("rosa", 20, "What a lovely thing to hear, Margaret. Ask them to show you the drawer labels: some are still in the old handwriting."))),
                Say(
                    "alfie",
                    240,
                    "Good coffee, and they didn't mind my boots. Bit dear for a Tuesday, mind.",
                    Say(
                        "nell",
                        30,
                        "They're closed on Tuesdays, Alfie, so I'm not sure which café you were in!",
                        Say("alfie", 12, "Wednesday, then. It's been a long week."))),
                Say("ewan", 600, "Is there anywhere to lock a bike nearby? The railings on the Quay are all taken by the ferry crowd in the mornings."),
            ],
        },
        new ArticleSeed
        {
            Title = "Fishmarket Auction Goes Online, but the Bell Stays",
            Slug = "fishmarket-auction-goes-online",
            Author = "tobias-penrose",
            Category = "business",
            Tags = "fishing harbour",
            Age = Ago(6, 8, 20),
            Excerpt = "Buyers can now bid on the morning catch from a phone, but the auctioneer's hand bell will still "
                + "ring at six o'clock sharp.",
            Body = """
                Port Aldwick's fish auction, held on the same concrete floor every weekday morning for more than a hundred years, has moved partly online.

                Since Monday, registered buyers have been able to bid from a phone or laptop as each box goes under the hammer, watching a live feed from a camera above the auction floor. Buyers in the room still bid the old way, with a nod or a raised finger.

                The Harbour Trust says the change should bring in restaurants and wholesalers from further inland who could never make a six o'clock start on the Quay. That, in turn, should mean better prices for the boats.

                > "A crew that has been out all night deserves the best price for what they bring in. More buyers means better prices. That's the whole argument," said auctioneer Colm Reilly.

                Some traditions are not up for debate. The brass hand bell that opens each sale, which is older than anyone can remember, will still be rung at six sharp, and the camera has been placed so that online buyers can hear it.

                The first week saw a dozen remote buyers register, among them two restaurants and a fishmonger in the county town. The Trust will publish figures after a three-month trial.
                """,
            Comments =
            [
                Say(
                    "alfie",
                    50,
                    "My dad has been selling on that floor for thirty years and he was dead against this. First week, he got a better price for his crab than he's had all year. He's gone very quiet about it.",
                    Say("fergus", 35, "Ha! Nothing quietens a skipper like a good price.")),
                Say("bill", 180, "As long as the bell stays. Some things you don't modernise."),
                Say(
                    "ewan",
                    300,
                    "I'd be curious what the fee is for bidding online. If it's steep, the small fishmongers will be priced out by the big wholesalers.\n\nHas anyone seen the terms?",
                    Say("tobias", 120, "The Trust tells us the fee is the same as for buyers in the room for the first three months. We've asked what happens after that and will report back.")),
            ],
        },
        new ArticleSeed
        {
            Title = "Boatyard Doubles Its Apprentice Scheme as Orders Pick Up",
            Slug = "boatyard-doubles-apprentice-scheme",
            Author = "rhodri-vance",
            Category = "business",
            Tags = "sailing-and-rowing schools community",
            Age = Ago(23, 6, 30),
            Excerpt = "Penhallow's boatyard will take on eight apprentices this year instead of four, teaching wooden "
                + "and fibreglass boatbuilding to school-leavers from the town.",
            Body = """
                Penhallow's, the last working boatyard in Port Aldwick, is to double its apprenticeship scheme this year, taking on eight school-leavers instead of the usual four.

                The yard, on the creek below Wend Bridge, builds and repairs everything from rowing gigs to small fishing boats. Its order book is fuller than at any time in the past decade, helped by a revival of interest in traditional wooden craft.

                ## Learning by doing

                Apprentices spend four days a week in the yard and one day at the college in the county town. Over three years, they learn:

                - steaming and shaping oak frames;
                - laying up and repairing fibreglass hulls;
                - engine installation, rigging and basic electrics.

                Yard manager Bryony Penhallow, the fourth generation of her family to run the business, says the hardest part is not finding work for apprentices but finding people willing to teach them.

                "The skills live in the hands of a few people in their sixties," she said. "If we don't pass them on in the next ten years, they are gone."

                Applications open next month and are not limited to school-leavers. The yard says it would particularly welcome applicants who have never held a chisel, "because they have no bad habits yet".
                """,
        },
        new ArticleSeed
        {
            Title = "Saltgate Traders Back a Monthly Night Market",
            Slug = "saltgate-traders-back-night-market",
            Author = "tobias-penrose",
            Category = "business",
            Tags = "food-and-drink community council",
            Age = Ago(18, 5, 55),
            Excerpt = "Shops on Saltgate will stay open late on the first Friday of each month, with street food, music "
                + "and stalls filling the top of the street.",
            Body = """
                Saltgate, the narrow shopping street that climbs from the harbour, is to host a night market on the first Friday of every month, after traders voted overwhelmingly in favour.

                Thirty-one of the street's thirty-eight businesses backed the idea in a ballot run by the Saltgate Traders' Association. Shops will stay open until nine o'clock, and the pedestrianised top end of the street will fill with food stalls and local makers.

                The association's chair, greengrocer Hamid Saberi, says the aim is simple: to give people a reason to come into town after work.

                > "In winter, Saltgate is dark by half past four and empty by five. We are not asking people to spend a fortune. We are asking them to come out, walk up the hill and say hello."

                Not every trader is convinced that the extra hours will pay. The seven who voted against were mostly small shops with one or two staff, who worry about the cost of opening late. The association has agreed that taking part will be entirely voluntary.

                The first market will feature a brass quartet, a pop-up oyster bar from the fishmarket and a children's lantern workshop. Stallholders can apply through the [Traders' Association](https://example.org/saltgate-traders/night-market).
                """,
            Comments =
            [
                Say("rosa", 80, "We've applied for a stall! Cinnamon buns and hot chocolate, come and say hello."),
                Say(
                    "ewan",
                    150,
                    "Good idea, but will there be anywhere to park? Saltgate is hard enough on a Saturday.",
                    Say("kit", 20, "Park at the harbour and walk up, it's five minutes. Or take the bus, which runs until half ten on Fridays: https://example.org/aldwick-bus-timetable")),
            ],
        },
    ];

    private static readonly ArticleSeed[] CultureSeeds =
    [
        new ArticleSeed
        {
            Title = "Lighthouse Keeper's Cottage at Aldwick Point to Open as a Museum",
            Slug = "lighthouse-keepers-cottage-museum",
            Author = "ines-calloway",
            Category = "culture",
            Tags = "heritage harbour community",
            Age = Ago(26, 4, 15),
            Excerpt = "The whitewashed cottage beside the old light will open to visitors for the first time in sixty "
                + "years, filled with objects gathered from local attics.",
            Body = """
                For most of a century, the keeper's cottage at Aldwick Point was the loneliest address in the parish. From next month it will be one of the busiest, as volunteers from the Aldwick Heritage Society open it as a small museum of the town's life at sea.

                The cottage has stood empty since the light was automated. Its restoration has taken four years, two roofers and what the society's chair, Lorna Beckett, calls "an indecent number of bake sales".

                ## What visitors will find

                Almost everything on display was given or lent by local families. Among the highlights:

                - the keeper's logbook from the winter of the great freeze, when the inner harbour iced over;
                - a hand-stitched ensign from the first Port Aldwick lifeboat;
                - a wall of photographs of the herring fleet, most of them never shown in public before.

                The upstairs rooms have been left almost bare, with only a bed, a lamp and a window facing the open sea. "We wanted people to feel how small it was," said Ms Beckett. "And how far from everyone."

                Entry will be free, with donations welcome. The museum will open at weekends to begin with, and the society is still looking for volunteer guides. Details are on the [Heritage Society's website](https://example.org/aldwick-heritage/volunteer).
                """,
            Comments =
            [
                Say("jo", 60, "The ensign from the first lifeboat! I'd heard it was lost years ago. Brilliant news."),
                Say(
                    "priya",
                    120,
                    "Would the society like photographs of the restoration? I took a few of the roofers at work last summer and would happily donate prints.",
                    Say("ines", 90, "I've passed this on to Lorna Beckett, Priya, and the answer is yes please.")),
                Say(
                    "bill",
                    300,
                    "My great-uncle was one of the last keepers out there. He used to say the worst thing wasn't the storms, it was the quiet.\n\nGlad to see the place looked after at last.",
                    Say(
                        "margaret",
                        60,
                        "What a lovely connection, Bill. You should tell the society: they'd want his name on the wall.",
                        Say("bill", 45, "I might just do that. I think my sister still has his cap somewhere."))),
            ],
        },
        new ArticleSeed
        {
            Title = "Silver Band's Centenary Concert Sells Out in a Day",
            Slug = "silver-band-centenary-concert-sells-out",
            Author = "ines-calloway",
            Category = "culture",
            Tags = "music heritage community",
            Age = Ago(5, 1, 30),
            Excerpt = "All four hundred tickets for the band's hundredth-birthday concert at the Pier Theatre were gone "
                + "within twenty-four hours of going on sale.",
            Body = """
                The Port Aldwick Silver Band will celebrate its hundredth birthday in front of a full house, after every ticket for its centenary concert at the Pier Theatre sold out within a day.

                The band was founded by workers at the old net factory, who clubbed together to buy second-hand instruments from a colliery band that had folded. It has played at every regatta, every lifeboat day and most of the town's weddings and funerals ever since.

                Musical director Owain Parry says the programme will look both back and forward. The first half includes marches the band played in its early years, reconstructed from parts found in a box at the back of the bandroom. The second half features a new piece, **Tidewater**, written for the occasion by a former member of the youth section.

                > "Some of our players are in their eighties and some are eleven. They all sit in the same rows and they all count the same bars. That is what a band is," Mr Parry said.

                The band knows that many people missed out. It has agreed to play the programme again, free and in the open air, on the Esplanade bandstand the following Sunday afternoon, weather permitting, and the concert itself will be recorded for the town's community radio station.
                """,
            Comments =
            [
                Say(
                    "margaret",
                    30,
                    "My grandfather played cornet in this band, and my daughter plays tenor horn in it now. A hundred years is something to be proud of.",
                    Say(
                        "jo",
                        25,
                        "Three generations here too! Is anyone putting together a display of old photographs? The Heritage Society would surely help.",
                        Say(
                            "ines",
                            90,
                            "They are, Jo. The society is setting up a display in the Pier Theatre foyer for concert week and would welcome any photographs people can lend.",
                            Say("margaret", 45, "Wonderful. I have one of the band on the Esplanade in their old peaked caps. I'll take it down to the library on Monday.")))),
                Say(
                    "dougie",
                    120,
                    "Sold out in a day, and the theatre only holds four hundred. They could have sold it twice over. Why not do two nights?",
                    Say(
                        "kit",
                        20,
                        "The band are all volunteers with day jobs, Dougie. Two nights of a full programme is a lot to ask of them. The free bandstand concert seems a fair answer to me.",
                        Say("dougie", 35, "That's fair. I'll bring a deckchair."))),
                Say("nell", 400, "Tidewater is a gorgeous title. Will the recording be available to listen to afterwards?"),
            ],
        },
        new ArticleSeed
        {
            Title = "The Gull Hill Poets: A Writers' Group Turns Twenty",
            Slug = "gull-hill-poets-turn-twenty",
            Author = "ines-calloway",
            Category = "culture",
            Tags = "community heritage",
            Age = Ago(14, 3, 50),
            Excerpt = "What began as four friends reading to each other in the back room of the Anchor is now a writing "
                + "group of forty members, with an anthology on the way.",
            Body = """
                Twenty years ago, four friends met in the back room of the Anchor on a wet Thursday and read each other their poems. Nobody expected there to be a second meeting.

                There was, and a third, and the Gull Hill Poets now have forty members, a waiting list and, this spring, their first printed anthology. They still meet on Thursdays, although they have moved to the library, where the chairs are better and there is no jukebox.

                ## Poems about here

                The anthology, *Salt on the Window*, gathers sixty poems by thirty-two writers. Many are about the town itself: the ferry in fog, the fishmarket at dawn, the allotments on the hill. One of the founders, retired postman Cyril Fenn, says that was never planned.

                "We never set a theme. People just write about what they look at every day, and what we look at every day is the sea."

                The group's youngest member is fifteen and its oldest is ninety-one. Newcomers are asked to bring one poem, or nothing at all, and to listen.

                The anthology will be launched at the library next month, with readings and cake. Copies will be on sale at the library desk and at the bookshop on Saltgate, with the proceeds going to the library's reading scheme for children.
                """,
            Comments =
            [
                Say("margaret", 100, "I've been a member for six years. If anyone is nervous about coming along, don't be: nobody is judged, and the cake is very good."),
                Say("nell", 220, "Salt on the Window is a perfect title. I'll be at the launch."),
            ],
        },
        new ArticleSeed
        {
            Title = "Review: 'The Lamplighter's Daughter' Lights Up the Pier Theatre",
            Slug = "review-the-lamplighters-daughter",
            Author = "ines-calloway",
            Category = "culture",
            Tags = "theatre heritage",
            Age = Ago(10, 2, 10),
            Excerpt = "The Pier Players' new production of the town's best-loved ghost story is handsome, heartfelt and "
                + "about twenty minutes too long.",
            Body = """
                Every harbour town has its ghost story, and Port Aldwick's is the lamplighter's daughter, who is said to walk the old pier on foggy nights looking for a ship that never came home. The Pier Players have turned the legend into a play, and the result is a handsome, heartfelt evening let down only by its length.

                **The good news first.** The set is a triumph: a curved wooden pier that stretches back into the dark, lit by a single swinging lamp. When the fog machine gets going in the second act, the front row audibly shivers.

                Freya Collins, only seventeen, is remarkable as the daughter, moving from giddy hope to quiet despair without ever raising her voice. Tom Aske gives the lamplighter a gruff warmth that makes his final scene hard to watch.

                ## Where it drags

                The first act spends too long with the town's gossips, whose comic scenes are charming the first time and less so the fourth. A sharper edit would bring the running time down to a brisk two hours and lose nothing that matters.

                > Go for the second act, stay for the fog, and bring a scarf: the Pier Theatre's heating is as historic as the legend.

                *The Lamplighter's Daughter* runs at the Pier Theatre until the end of the month, with tickets from the box office.
                """,
            Comments =
            [
                Say(
                    "priya",
                    120,
                    "I thought the first act was the best part! The gossips were the funniest thing I've seen on that stage in years.\n\nAgree about the heating, though.",
                    Say("ines", 60, "That's fair, Priya. Comedy is the hardest thing to judge, and the audience on my night laughed a good deal more than I did.")),
                Say(
                    "tess",
                    300,
                    "Freya Collins was extraordinary. I'd go again just for the last scene.",
                    Say("margaret", 40, "I taught her in year six and she was already stealing every school play. So proud of her.")),
                Say("kit", 500, "Took my twelve-year-old, who jumped clean out of his seat when the fog rolled in. Worth the ticket for that alone."),
            ],
        },
    ];

    private static readonly ArticleSeed[] SportSeeds =
    [
        new ArticleSeed
        {
            Title = "Aldwick Athletic Snatch Late Winner in the Estuary Derby",
            Slug = "athletic-snatch-late-winner-estuary-derby",
            Author = "rhodri-vance",
            Category = "sport",
            Tags = "football community",
            Age = Ago(1, 3, 15),
            Excerpt = "A stoppage-time header from Jonah Mills gave Athletic a 2-1 win over Marram Rovers in front of the "
                + "biggest Wend Park crowd for years.",
            Body = """
                Aldwick Athletic 2, Marram Rovers 1.

                Jonah Mills rose highest in the fourth minute of stoppage time to head home a corner and send most of the 900 people at Wend Park into raptures on Saturday, settling the estuary derby in the most dramatic way possible.

                It had looked like a draw for most of the second half. Rovers, the better side before the break, took the lead through a deflected free kick on the half hour, and Athletic's goalkeeper Luca Bright kept the gap to one with two fine saves before half-time.

                ## A changed side after the break

                Manager Sue Cardew switched to three at the back at the interval and brought on the teenager Ollie Tranter on the left. The change worked almost at once: Tranter's cross was turned in by Kieran Webb after 54 minutes to level the scores.

                Then came the finish. Tranter won a corner with the clock ticking down, Webb swung it in, and Mills, who had not scored all season, met it at the near post.

                > "I told him at half-time he was due one," Cardew said afterwards. "I didn't expect him to leave it quite that late."

                The win lifts Athletic to fourth in the county league. They travel to Harrowby next Saturday.
                """,
            Comments =
            [
                Say(
                    "dougie",
                    95,
                    "What a finish. I was at the Marram end and you could hear their groan over our cheering.\n\nCredit to Rovers, though: they were the better side for forty-five minutes.",
                    Say(
                        "fergus",
                        22,
                        "Better side? They had one shot on target before half-time and it went in off a shin. I'll grant you they were tidier in midfield.",
                        Say("dougie", 15, "Fair enough, tidier is the word I was after. Still glad we don't play them every week."))),
                Say(
                    "tess",
                    180,
                    "The Tranter lad is going to be a real player. He switched the whole game on his own.",
                    Say("rhodri", 40, "He turns seventeen next month, for what it's worth. Sue Cardew says he's been training with the first team since the summer.")),
                Say("kit", 300, "Any chance the club can sort out the queue at the tea hut at half-time? Missed the first five minutes of the second half waiting for a pie."),
            ],
        },
        new ArticleSeed
        {
            Title = "Gig Race Around the Point Returns to the Regatta",
            Slug = "gig-race-around-the-point-returns",
            Author = "rhodri-vance",
            Category = "sport",
            Tags = "sailing-and-rowing harbour heritage",
            Age = Ago(21, 1, 5),
            Excerpt = "After a six-year absence, the rowing race around Aldwick Point is back on the regatta programme, "
                + "with crews from six towns already signed up.",
            Body = """
                The gig race around Aldwick Point, once the highlight of the summer regatta, is coming back after six years.

                The race was dropped when the harbour mouth was dredged and the committee lost its safety boat. Both problems have now been solved: the channel is clear, and the lifeboat station has offered its inshore boat to shadow the crews.

                The course is a demanding one. Six-oared gigs leave the harbour, round the lighthouse on the Point and race back to a finish line between the pier heads. At its best, it takes a little under forty minutes. In a rough sea it can take an hour, and some crews never make it round at all.

                ## Who is racing

                Crews from six towns along the coast have already entered, including two from Port Aldwick itself: the men's crew from the Aldwick Rowing Club, and a women's crew formed only last year, who train on the estuary at dawn three mornings a week.

                Regatta secretary Hazel Quint said the committee had been asked about the race "at every single meeting for six years".

                "It's the one everybody remembers," she said. "Watching the gigs come round the Point with the whole town up on the cliff path: that's the regatta."

                The full programme is published on the [regatta committee's website](https://example.org/aldwick-regatta/programme).
                """,
        },
        new ArticleSeed
        {
            Title = "Volunteers Dig In to Build a New Youth Pitch at Wend Meadow",
            Slug = "volunteers-build-youth-pitch-wend-meadow",
            Author = "maren-holt",
            Category = "sport",
            Tags = "football schools community",
            Age = Ago(29, 2, 40),
            CommentsOpen = false,
            Excerpt = "More than sixty volunteers spent the weekend levelling and seeding a new pitch for the town's "
                + "junior football teams, on land given by a local farmer.",
            Body = """
                The junior teams of Aldwick Athletic will have a pitch of their own next season, after more than sixty volunteers spent the weekend levelling, draining and seeding a field at Wend Meadow.

                The land, a sloping paddock beside the river, was given on a long lease by farmer Geraint Lowe, whose grandchildren play in the under-nines. Until now, the club's eleven junior sides have shared the first team's pitch at Wend Park, which by midwinter is more mud than grass.

                ## A weekend's work

                Over two days, volunteers:

                - laid more than two hundred metres of drainage pipe;
                - moved forty tonnes of topsoil by wheelbarrow when the digger broke down;
                - sowed the whole pitch by hand, in lines, with string.

                A local haulage firm lent lorries, the boatyard lent tools, and the Anchor sent up soup on both days.

                > "I have never seen so many people this happy about mud," said junior section secretary Carys Evans. "Every parent in the club was here, and plenty of people with no children in the club at all."

                The grass needs a full growing season before it can be played on. The club hopes to stage the first match at Wend Meadow at the start of next season, and has promised the first kick to the youngest player in the under-sevens.
                """,
            Comments =
            [
                Say("fergus", 300, "Two hundred metres of pipe and forty tonnes by wheelbarrow. My back hurts just reading it."),
                Say(
                    "rosa",
                    400,
                    "The soup was from the Anchor, but the flapjacks were from us. Just saying!",
                    Say("maren", 60, "Noted, Rosa, with apologies. They were excellent flapjacks.")),
            ],
        },
        new ArticleSeed
        {
            Title = "Dawn Dippers Mark 1,000 Mornings in a Row off Marram Sands",
            Slug = "dawn-dippers-mark-1000-mornings",
            Author = "rhodri-vance",
            Category = "sport",
            Tags = "community harbour",
            Age = Ago(8, 4, 45),
            Excerpt = "Come rain, gale or sea fret, a group of swimmers has gone into the water off Marram Sands every "
                + "morning for a thousand days in a row.",
            Body = """
                At a quarter to seven on Wednesday, in light drizzle and a water temperature of nine degrees, twenty-three people walked into the sea off Marram Sands. They were celebrating a thousand consecutive mornings of doing exactly that.

                The Dawn Dippers began during a long, dark winter, when founder Niamh Carrick decided she needed "something that would make the rest of the day feel easy". She swam alone for the first week. By the end of the month, eleven people were joining her.

                The club has no membership fee, no committee and very few rules, but the rules it has are firm:

                - **never swim alone**, and always tell someone on the beach where you are going;
                - stay inside the marker buoys, whatever the tide is doing;
                - check the tide tables before you leave the house.

                The swimmers range in age from nineteen to eighty-two. Several say the daily swim has helped them through illness or grief, and the group raises money each year for the lifeboat station.

                > "The sea doesn't care who you are or what kind of week you've had," said Ms Carrick. "It's cold for everybody. I think that's why it works."

                Newcomers are welcome, and the club suggests starting in late spring. A thousand days in a row, it adds, is entirely optional.
                """,
            Comments =
            [
                Say(
                    "nell",
                    60,
                    "Nine degrees! I put a toe in at Easter and lasted about four seconds. Huge respect to all of them.",
                    Say(
                        "rosa",
                        30,
                        "Come along one morning, Nell. The first time is awful, the second is awful, and somewhere around the tenth you start looking forward to it.",
                        Say("nell", 15, "That is not the sales pitch you think it is, Rosa. But go on, then: Saturday."))),
                Say("jo", 200, "Good to see the rule about checking the tides. The current off the north end of the Sands is much stronger than it looks on a falling tide.\n\nTables are here for anyone who needs them: https://example.org/tide-tables"),
            ],
        },
    ];

    private static readonly ArticleSeed[] ArticleSeeds = [.. NewsSeeds, .. BusinessSeeds, .. CultureSeeds, .. SportSeeds];
}
