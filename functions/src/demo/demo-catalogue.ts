/**
 * The embedded demo catalogue: well-known films with their year and genres, written for this project so
 * that `npm start` gives a useful stack on a machine with nothing else. One line per film:
 * "Title|year|Genre,Genre". Ids are the line's position (1-based) and never change: append, never reorder.
 */
const MOVIES_TEXT = `
The Shawshank Redemption|1994|Crime,Drama
The Godfather|1972|Crime,Drama
The Godfather Part II|1974|Crime,Drama
The Dark Knight|2008|Action,Crime,Drama
12 Angry Men|1957|Drama
Schindler's List|1993|Drama,War
The Lord of the Rings: The Return of the King|2003|Adventure,Fantasy
Pulp Fiction|1994|Comedy,Crime,Drama,Thriller
The Lord of the Rings: The Fellowship of the Ring|2001|Adventure,Fantasy
The Good, the Bad and the Ugly|1966|Action,Adventure,Western
Forrest Gump|1994|Comedy,Drama,Romance,War
Fight Club|1999|Action,Crime,Drama,Thriller
The Lord of the Rings: The Two Towers|2002|Adventure,Fantasy
Inception|2010|Action,Crime,Drama,Mystery,Sci-Fi,Thriller,IMAX
Star Wars: Episode V - The Empire Strikes Back|1980|Action,Adventure,Sci-Fi
The Matrix|1999|Action,Sci-Fi,Thriller
Goodfellas|1990|Crime,Drama
One Flew Over the Cuckoo's Nest|1975|Drama
Se7en|1995|Mystery,Thriller
Seven Samurai|1954|Action,Adventure,Drama
It's a Wonderful Life|1946|Drama,Fantasy,Romance
The Silence of the Lambs|1991|Crime,Horror,Thriller
City of God|2002|Action,Adventure,Crime,Drama,Thriller
Saving Private Ryan|1998|Action,Drama,War
Life Is Beautiful|1997|Comedy,Drama,Romance,War
Interstellar|2014|Sci-Fi,IMAX
The Green Mile|1999|Crime,Drama
Star Wars: Episode IV - A New Hope|1977|Action,Adventure,Sci-Fi
Terminator 2: Judgment Day|1991|Action,Sci-Fi
Back to the Future|1985|Adventure,Comedy,Sci-Fi
Spirited Away|2001|Adventure,Animation,Fantasy
Psycho|1960|Crime,Horror
The Pianist|2002|Drama,War
Parasite|2019|Comedy,Drama,Thriller
Léon: The Professional|1994|Action,Crime,Drama,Thriller
The Lion King|1994|Adventure,Animation,Children,Drama,Musical
Gladiator|2000|Action,Adventure,Drama
American History X|1998|Crime,Drama
The Departed|2006|Crime,Drama,Thriller
The Usual Suspects|1995|Crime,Mystery,Thriller
The Prestige|2006|Drama,Mystery,Sci-Fi,Thriller
Whiplash|2014|Drama
Casablanca|1942|Drama,Romance
Grave of the Fireflies|1988|Animation,Drama,War
Harakiri|1962|Action,Drama
The Intouchables|2011|Comedy,Drama
Modern Times|1936|Comedy,Drama,Romance
Once Upon a Time in the West|1968|Action,Drama,Western
Rear Window|1954|Mystery,Thriller
Alien|1979|Horror,Sci-Fi
City Lights|1931|Comedy,Drama,Romance
Apocalypse Now|1979|Action,Drama,War
Memento|2000|Mystery,Thriller
Raiders of the Lost Ark|1981|Action,Adventure
Django Unchained|2012|Action,Drama,Western
WALL·E|2008|Adventure,Animation,Children,Romance,Sci-Fi
The Lives of Others|2006|Drama,Romance,Thriller
Sunset Boulevard|1950|Drama,Film-Noir,Romance
Paths of Glory|1957|Drama,War
The Shining|1980|Horror
The Great Dictator|1940|Comedy,Drama,War
Avengers: Infinity War|2018|Action,Adventure,Sci-Fi
Witness for the Prosecution|1957|Drama,Mystery,Thriller
Aliens|1986|Action,Adventure,Horror,Sci-Fi
Spider-Man: Into the Spider-Verse|2018|Action,Adventure,Animation,Sci-Fi
American Beauty|1999|Drama,Romance
Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb|1964|Comedy,War
The Dark Knight Rises|2012|Action,Adventure,Crime,IMAX
Oldboy|2003|Mystery,Thriller
Joker|2019|Crime,Drama,Thriller
Amadeus|1984|Drama
Braveheart|1995|Action,Drama,War
Toy Story|1995|Adventure,Animation,Children,Comedy,Fantasy
Coco|2017|Adventure,Animation,Children
Inglourious Basterds|2009|Action,Drama,War
Das Boot|1981|Action,Drama,War
Princess Mononoke|1997|Action,Adventure,Animation,Drama,Fantasy
Good Will Hunting|1997|Drama,Romance
Avengers: Endgame|2019|Action,Adventure,Sci-Fi
Once Upon a Time in America|1984|Crime,Drama
Your Name.|2016|Animation,Drama,Fantasy,Romance
Requiem for a Dream|2000|Drama
Toy Story 3|2010|Adventure,Animation,Children,Comedy,Fantasy,IMAX
Singin' in the Rain|1952|Comedy,Musical,Romance
Star Wars: Episode VI - Return of the Jedi|1983|Action,Adventure,Sci-Fi
Eternal Sunshine of the Spotless Mind|2004|Drama,Romance,Sci-Fi
2001: A Space Odyssey|1968|Adventure,Drama,Sci-Fi
Reservoir Dogs|1992|Crime,Mystery,Thriller
Citizen Kane|1941|Drama,Mystery
Lawrence of Arabia|1962|Adventure,Drama,War
M|1931|Crime,Film-Noir,Thriller
North by Northwest|1959|Action,Adventure,Mystery,Romance,Thriller
Vertigo|1958|Drama,Mystery,Romance,Thriller
Amélie|2001|Comedy,Romance
A Clockwork Orange|1971|Crime,Drama,Sci-Fi,Thriller
Double Indemnity|1944|Crime,Drama,Film-Noir
Full Metal Jacket|1987|Drama,War
Scarface|1983|Action,Crime,Drama
Hamilton|2020|Musical
Taxi Driver|1976|Crime,Drama,Thriller
Up|2009|Adventure,Animation,Children,Drama
Heat|1995|Action,Crime,Thriller
L.A. Confidential|1997|Crime,Film-Noir,Mystery,Thriller
The Sting|1973|Comedy,Crime
Snatch|2000|Comedy,Crime,Thriller
Metropolis|1927|Drama,Sci-Fi
Indiana Jones and the Last Crusade|1989|Action,Adventure
Bicycle Thieves|1948|Drama
1917|2019|Drama,War
Downfall|2004|Drama,War
To Kill a Mockingbird|1962|Drama
The Apartment|1960|Comedy,Drama,Romance
Batman Begins|2005|Action,Crime,IMAX
Some Like It Hot|1959|Comedy,Crime
Unforgiven|1992|Drama,Western
Die Hard|1988|Action,Crime,Thriller
The Wolf of Wall Street|2013|Comedy,Crime,Drama
Green Book|2018|Comedy,Drama
Judgment at Nuremberg|1961|Drama
All About Eve|1950|Drama
The Treasure of the Sierra Madre|1948|Action,Adventure,Drama,Western
Ran|1985|Drama,War
There Will Be Blood|2007|Drama,Western
Shutter Island|2010|Drama,Mystery,Thriller
Casino|1995|Crime,Drama
The Sixth Sense|1999|Drama,Horror,Mystery
Jurassic Park|1993|Action,Adventure,Sci-Fi,Thriller
Pan's Labyrinth|2006|Drama,Fantasy,Thriller
The Truman Show|1998|Comedy,Drama,Sci-Fi
No Country for Old Men|2007|Crime,Drama
A Beautiful Mind|2001|Drama,Romance
Chinatown|1974|Crime,Film-Noir,Mystery,Thriller
The Thing|1982|Action,Horror,Sci-Fi,Thriller
Kill Bill: Vol. 1|2003|Action,Crime,Thriller
The Elephant Man|1980|Drama
The Big Lebowski|1998|Comedy,Crime
Finding Nemo|2003|Adventure,Animation,Children,Comedy
V for Vendetta|2005|Action,Sci-Fi,Thriller,IMAX
Fargo|1996|Comedy,Crime,Drama,Thriller
Gone with the Wind|1939|Drama,Romance,War
Howl's Moving Castle|2004|Adventure,Animation,Fantasy,Romance
Inside Out|2015|Adventure,Animation,Children,Comedy,Drama
Mad Max: Fury Road|2015|Action,Adventure,Sci-Fi,Thriller
The Grand Budapest Hotel|2014|Comedy,Drama
Trainspotting|1996|Comedy,Crime,Drama
Blade Runner|1982|Action,Sci-Fi,Thriller
Blade Runner 2049|2017|Sci-Fi
Gran Torino|2008|Crime,Drama
Catch Me If You Can|2002|Crime,Drama
Prisoners|2013|Drama,Mystery,Thriller
The Deer Hunter|1978|Drama,War
Monty Python and the Holy Grail|1975|Adventure,Comedy,Fantasy
The Sound of Music|1965|Musical,Romance
Jaws|1975|Action,Horror
Hacksaw Ridge|2016|Drama,War
Rocky|1976|Drama
Gone Girl|2014|Drama,Thriller
Spotlight|2015|Drama,Thriller
The Terminator|1984|Action,Sci-Fi,Thriller
Ratatouille|2007|Animation,Children,Drama
Monsters, Inc.|2001|Adventure,Animation,Children,Comedy,Fantasy
Stand by Me|1986|Adventure,Drama
The Wizard of Oz|1939|Adventure,Children,Fantasy,Musical
Dead Poets Society|1989|Drama
Platoon|1986|Drama,War
Groundhog Day|1993|Comedy,Fantasy,Romance
Ford v Ferrari|2019|Action,Drama
Before Sunrise|1995|Drama,Romance
Before Sunset|2004|Drama,Romance
Room|2015|Drama
Into the Wild|2007|Action,Adventure,Drama
The Big Short|2015|Drama
Network|1976|Drama
The Exorcist|1973|Horror,Mystery
Rain Man|1988|Drama
12 Years a Slave|2013|Drama
The Incredibles|2004|Action,Adventure,Animation,Children,Comedy
Hotel Rwanda|2004|Drama,War
Million Dollar Baby|2004|Drama
Harry Potter and the Philosopher's Stone|2001|Adventure,Children,Fantasy
Harry Potter and the Prisoner of Azkaban|2004|Adventure,Fantasy,IMAX
Harry Potter and the Deathly Hallows: Part 2|2011|Action,Adventure,Drama,Fantasy,Mystery,IMAX
The Social Network|2010|Drama
Arrival|2016|Sci-Fi
Her|2013|Drama,Romance,Sci-Fi
Ex Machina|2015|Drama,Sci-Fi,Thriller
La La Land|2016|Comedy,Drama,Romance,Musical
Moonlight|2016|Drama
Get Out|2017|Horror,Mystery,Thriller
Hereditary|2018|Drama,Horror,Mystery,Thriller
A Quiet Place|2018|Drama,Horror,Sci-Fi,Thriller
It Follows|2014|Horror
The Babadook|2014|Drama,Horror
Halloween|1978|Horror
A Nightmare on Elm Street|1984|Horror,Thriller
Scream|1996|Comedy,Horror,Mystery,Thriller
The Conjuring|2013|Horror,Thriller
Rosemary's Baby|1968|Drama,Horror,Thriller
The Texas Chain Saw Massacre|1974|Horror
Night of the Living Dead|1968|Horror,Sci-Fi,Thriller
28 Days Later|2002|Action,Horror,Sci-Fi
Shaun of the Dead|2004|Comedy,Horror
Hot Fuzz|2007|Action,Comedy,Crime,Mystery
The Notebook|2004|Drama,Romance
Titanic|1997|Drama,Romance
Pride & Prejudice|2005|Drama,Romance
Notting Hill|1999|Comedy,Romance
When Harry Met Sally...|1989|Comedy,Romance
Love Actually|2003|Comedy,Drama,Romance
Roman Holiday|1953|Comedy,Drama,Romance
Breakfast at Tiffany's|1961|Drama,Romance
Crazy Rich Asians|2018|Comedy,Romance
Pretty Woman|1990|Comedy,Romance
Dirty Dancing|1987|Drama,Musical,Romance
Grease|1978|Comedy,Musical,Romance
West Side Story|1961|Drama,Musical,Romance
The Greatest Showman|2017|Drama,Musical
Mamma Mia!|2008|Comedy,Musical,Romance
Chicago|2002|Comedy,Crime,Drama,Musical
Les Misérables|2012|Drama,Musical,Romance
Moulin Rouge!|2001|Drama,Musical,Romance
Frozen|2013|Adventure,Animation,Comedy,Fantasy,Musical,Romance
Beauty and the Beast|1991|Animation,Children,Fantasy,Musical,Romance
Aladdin|1992|Adventure,Animation,Children,Comedy,Musical
The Little Mermaid|1989|Animation,Children,Comedy,Musical,Romance
Shrek|2001|Adventure,Animation,Children,Comedy,Fantasy,Romance
Zootopia|2016|Action,Adventure,Animation,Children,Comedy
Moana|2016|Adventure,Animation,Children,Comedy,Fantasy
My Neighbor Totoro|1988|Animation,Children,Drama,Fantasy
Kiki's Delivery Service|1989|Adventure,Animation,Children,Drama,Fantasy
Paddington 2|2017|Adventure,Animation,Children,Comedy
How to Train Your Dragon|2010|Adventure,Animation,Children,Fantasy,IMAX
The Iron Giant|1999|Adventure,Animation,Children,Drama,Sci-Fi
Ferris Bueller's Day Off|1986|Comedy
The Breakfast Club|1985|Comedy,Drama
Airplane!|1980|Comedy
Superbad|2007|Comedy
Anchorman: The Legend of Ron Burgundy|2004|Comedy
Bridesmaids|2011|Comedy
Knives Out|2019|Comedy,Crime,Drama,Mystery
Little Miss Sunshine|2006|Comedy,Drama
The Princess Bride|1987|Action,Adventure,Comedy,Fantasy,Romance
Ghostbusters|1984|Action,Comedy,Sci-Fi
Home Alone|1990|Children,Comedy
Mrs. Doubtfire|1993|Comedy,Drama
Office Space|1999|Comedy,Crime
Borat|2006|Comedy
Zombieland|2009|Action,Comedy,Horror
The Hangover|2009|Comedy,Crime
Jojo Rabbit|2019|Comedy,Drama,War
Mission: Impossible - Fallout|2018|Action,Adventure,Thriller
John Wick|2014|Action,Thriller
The Bourne Ultimatum|2007|Action,Crime,Thriller
Casino Royale|2006|Action,Adventure,Thriller
Skyfall|2012|Action,Adventure,Thriller,IMAX
Goldfinger|1964|Action,Adventure,Thriller
Top Gun: Maverick|2022|Action,Drama
Speed|1994|Action,Romance,Thriller
Lethal Weapon|1987|Action,Comedy,Crime,Drama
Predator|1987|Action,Sci-Fi,Thriller
RoboCop|1987|Action,Crime,Drama,Sci-Fi,Thriller
Total Recall|1990|Action,Adventure,Sci-Fi,Thriller
The Fifth Element|1997|Action,Adventure,Comedy,Sci-Fi
Edge of Tomorrow|2014|Action,Sci-Fi,IMAX
Dune|2021|Action,Adventure,Drama,Sci-Fi
Gravity|2013|Action,Sci-Fi,IMAX
The Martian|2015|Adventure,Drama,Sci-Fi
District 9|2009|Mystery,Sci-Fi,Thriller
Children of Men|2006|Action,Adventure,Drama,Sci-Fi,Thriller
Minority Report|2002|Action,Crime,Mystery,Sci-Fi,Thriller
Gattaca|1997|Drama,Sci-Fi,Thriller
Close Encounters of the Third Kind|1977|Adventure,Drama,Sci-Fi
E.T. the Extra-Terrestrial|1982|Children,Drama,Sci-Fi
Guardians of the Galaxy|2014|Action,Adventure,Sci-Fi
Iron Man|2008|Action,Adventure,Sci-Fi
The Avengers|2012|Action,Adventure,Sci-Fi,IMAX
Black Panther|2018|Action,Adventure,Sci-Fi
Wonder Woman|2017|Action,Adventure,Fantasy
Logan|2017|Action,Sci-Fi
Pirates of the Caribbean: The Curse of the Black Pearl|2003|Action,Adventure,Comedy,Fantasy
The Revenant|2015|Adventure,Drama
Dances with Wolves|1990|Adventure,Drama,Western
True Grit|2010|Western
The Magnificent Seven|1960|Adventure,Western
Butch Cassidy and the Sundance Kid|1969|Action,Western
High Noon|1952|Drama,Western
Tombstone|1993|Action,Drama,Western
The Hateful Eight|2015|Western
Brokeback Mountain|2005|Drama,Romance
Bohemian Rhapsody|2018|Drama
Black Swan|2010|Drama,Thriller
Drive|2011|Crime,Drama,Film-Noir,Thriller
Nightcrawler|2014|Crime,Drama,Thriller
Zodiac|2007|Crime,Drama,Thriller
The Girl with the Dragon Tattoo|2011|Drama,Thriller
Mystic River|2003|Crime,Drama,Mystery
Sicario|2015|Crime,Drama,Mystery
Baby Driver|2017|Action,Crime
The Maltese Falcon|1941|Film-Noir,Mystery
The Third Man|1949|Film-Noir,Mystery,Thriller
The Big Sleep|1946|Crime,Film-Noir,Mystery
Touch of Evil|1958|Crime,Film-Noir,Thriller
Out of the Past|1947|Film-Noir
Bowling for Columbine|2002|Documentary
Man on Wire|2008|Documentary
Free Solo|2018|Documentary
Hoop Dreams|1994|Documentary
Searching for Sugar Man|2012|Documentary
March of the Penguins|2005|Documentary
Won't You Be My Neighbor?|2018|Documentary
Jiro Dreams of Sushi|2011|Documentary
Senna|2010|Documentary
Apollo 11|2019|Documentary
`;

export interface DemoMovie {
  movieId: number;
  title: string;
  year: number;
  genres: string[];
}

/** The demo films, ids from 1 in line order. */
export const DEMO_MOVIES: readonly DemoMovie[] = MOVIES_TEXT.trim()
  .split("\n")
  .map((line, i) => {
    const [title, year, genres] = line.split("|");
    return { movieId: i + 1, title, year: Number(year), genres: genres.split(",") };
  });
