// Dutch names for the demo: first names, surnames with their infix (tussenvoegsel), streets and
// the words companies and institutions are named after.

export const MALE_FIRST = [
  "Jan", "Pieter", "Kees", "Henk", "Mark", "Thomas", "Daan", "Bram", "Sander", "Jeroen", "Erik", "Martijn", "Dennis", "Rob",
  "Wim", "Frank", "Joost", "Ruud", "Bas", "Tim", "Niels", "Stefan", "Maarten", "Hans", "Gert", "Ahmed", "Mohamed", "Youssef",
  "Mehmet", "Lucas", "Sem", "Jesse", "Rik", "Hugo", "Arjen", "Ronald", "Paul", "Johan", "Gerard", "Wouter", "Jasper", "Koen",
  "Michiel", "Vincent", "Edwin", "Marcel", "René", "Peter", "Arie", "Willem", "Hendrik", "Teun", "Floris", "Gijs", "Dirk",
] as const;

export const FEMALE_FIRST = [
  "Anna", "Maria", "Linda", "Sandra", "Monique", "Marieke", "Ingrid", "Petra", "Esther", "Annemarie", "Sanne", "Lisa", "Eva",
  "Femke", "Laura", "Iris", "Lotte", "Anouk", "Fleur", "Sophie", "Emma", "Julia", "Naima", "Fatima", "Yasmina", "Saskia",
  "Karin", "Wendy", "Miranda", "Nicole", "Marloes", "Ilse", "Manon", "Mirjam", "Janneke", "Renate", "Ellen", "Hanneke",
  "Joke", "Tineke", "Carla", "Astrid", "Brenda", "Chantal", "Debora", "Inge", "Mariska", "Nathalie", "Yvonne", "Zeynep",
] as const;

/** Names used by people of any gender; persons with gender x take one of these. */
export const NEUTRAL_FIRST = ["Robin", "Sam", "Kim", "Noa", "Alex", "Charlie", "Jip", "Luca", "Sasha", "Jamie"] as const;

/** [infix, last name]: the infix is written apart and is not part of the sort key. */
export const SURNAMES: readonly (readonly [string | null, string])[] = [
  ["de", "Jong"], [null, "Jansen"], ["de", "Vries"], ["van den", "Berg"], ["van", "Dijk"], [null, "Bakker"], [null, "Janssen"],
  [null, "Visser"], [null, "Smit"], [null, "Meijer"], ["de", "Boer"], [null, "Mulder"], ["de", "Groot"], [null, "Bos"],
  [null, "Vos"], [null, "Peters"], [null, "Hendriks"], ["van", "Leeuwen"], [null, "Dekker"], [null, "Brouwer"], ["de", "Wit"],
  [null, "Dijkstra"], [null, "Smits"], ["de", "Graaf"], ["van der", "Meer"], ["van der", "Linden"], [null, "Kok"],
  [null, "Jacobs"], ["de", "Haan"], [null, "Vermeulen"], ["van den", "Heuvel"], ["van der", "Veen"], ["van den", "Broek"],
  ["de", "Bruijn"], ["de", "Bruin"], ["van der", "Heijden"], [null, "Schouten"], ["van", "Beek"], [null, "Willems"],
  ["van", "Vliet"], ["van de", "Ven"], [null, "Hoekstra"], [null, "Maas"], [null, "Verhoeven"], [null, "Koster"], ["van", "Dam"],
  ["van der", "Wal"], [null, "Prins"], [null, "Blom"], [null, "Huisman"], [null, "Peeters"], ["de", "Lange"], [null, "Kuipers"],
  ["van", "Wijk"], [null, "Postma"], [null, "Kuiper"], [null, "Veenstra"], [null, "Kramer"], ["van den", "Brink"],
  [null, "Scholten"], [null, "Martens"], [null, "Vink"], ["de", "Ruiter"], [null, "Boersma"], ["van", "Rijn"], [null, "Sanders"],
  [null, "Bosman"], ["van 't", "Hof"], ["in 't", "Veld"], ["ter", "Horst"], ["ten", "Brink"], [null, "Yilmaz"], [null, "El Idrissi"],
  [null, "Bouzid"], [null, "Kaya"], [null, "Nguyen"], [null, "Wijaya"], [null, "Hoogendoorn"], [null, "Verbeek"], ["van", "Os"],
  [null, "Zijlstra"], [null, "Wouters"], [null, "Claassen"], ["van der", "Laan"], [null, "Timmermans"], ["op de", "Beek"],
];

/** Streets that exist in many Dutch towns; business parks have their own kind of names. */
export const STREETS = [
  "Kerkstraat", "Dorpsstraat", "Stationsweg", "Hoofdstraat", "Molenweg", "Schoolstraat", "Nieuwstraat", "Julianastraat",
  "Beatrixlaan", "Wilhelminastraat", "Marktplein", "Parallelweg", "Kastanjelaan", "Eikenlaan", "Lindenlaan", "Oranjestraat",
  "Prins Bernhardlaan", "Europalaan", "Stationsplein", "Zuiderkade", "Havenstraat", "Raadhuisplein", "Burgemeester de Withstraat",
  "Sportlaan", "Parkweg", "Emmastraat", "Koningin Julianaweg", "Rijksstraatweg", "Dijkweg", "Verlengde Kanaalweg",
  "Laan van Vollenhove", "Vondellaan", "Rembrandtlaan", "Van Goghstraat", "Thorbeckelaan", "Spoorstraat", "Zandweg",
] as const;

export const BUSINESS_STREETS = [
  "Industrieweg", "Ambachtsweg", "Nijverheidsweg", "Edisonweg", "Energieweg", "Handelsweg", "Transportweg", "Newtonstraat",
  "Marconistraat", "Zeemanstraat", "Kelvinstraat", "Celsiusweg", "Bedrijvenweg", "Innovatielaan", "Logistiekweg",
] as const;

/** Words institutions are named after ("Zorgcentrum De Linde", "Basisschool De Regenboog"). */
export const HOUSE_NAMES = [
  "De Linde", "Het Anker", "De Wingerd", "Avondrood", "De Hofstede", "Zonnehuis", "De Eikenhorst", "Rosorum", "De Boogaard",
  "Het Baken", "De Brink", "De Regenboog", "De Vlinder", "Het Kompas", "De Klimop", "De Meander", "De Wilgen", "Den Hoorn",
  "De Zonnewijzer", "Het Palet", "De Horizon", "De Springplank", "Het Carillon", "De Esch", "Sint Jozef", "Maria Goretti",
  "De Bron", "Het Gein", "De Sterrenboog", "Weidevogel", "De Kastanje", "Het Veldhuis", "De Duinroos", "Oosterhof",
] as const;

/** Words of brand-like company names ("Nova Kunststoffen", "Delta IT"). */
export const BRAND_WORDS = [
  "Nova", "Delta", "Prima", "Alfa", "Vita", "Zenit", "Orion", "Atlas", "Boreas", "Kompas", "Noorderlicht", "Zuiderzon",
  "Westwind", "Oostpoort", "Horizon", "Vector", "Quadrant", "Spectrum", "Optima", "Fortis", "Meridiaan", "Polder", "Rivierland",
  "Groenhart", "Lindeboom", "Eikenhof", "Molenzicht", "Havenzicht", "Brugwachter", "IJsselstroom", "Maasdal", "Veluwezoom",
] as const;
