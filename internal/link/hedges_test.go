package link

import (
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/tools/txtar"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

func TestFindHedges(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Coal is reportedly smuggled.", []string{"reportedly"}},
		{"REPORTEDLY, coal is smuggled.", []string{"reportedly"}},
		{"The Mayor of Minsk.", nil},                                                    // "may" inside a word
		{"Prices may rise.", []string{"may"}},                                           // the word itself
		{"It is likely that groups keep a low profile.", []string{"it is likely that"}}, // the phrase, not also "likely"
		{"Groups are likely active, and may grow.", []string{"are likely", "may"}},
		{"It is becoming a transit country.", []string{"becoming"}},
		{"Becomingly dressed.", nil},
		{"He is said to lead it.", []string{"is said to"}},
		{"She said to him.", nil},
		{"Likelihood is not a hedge word here.", nil},
		{"a well-known mayday call", nil},
		{"According to the police, he fled.", []string{"according to"}},
		{"İt may rise.", []string{"may"}}, // a letter whose lower case is shorter
		{"He is accused of fraud.", []string{"accused of"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := FindHedges(tt.text, Hedges); !slices.Equal(got, tt.want) {
			t.Errorf("FindHedges(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKeeps(t *testing.T) {
	tests := []struct {
		text, quote []string
		want        bool
	}{
		{[]string{"reportedly"}, []string{"reportedly"}, true},
		{[]string{"likely"}, []string{"reportedly"}, true},        // any hedge keeps one
		{[]string{"according to"}, []string{"reportedly"}, false}, // attribution is no hedge
		{[]string{"according to"}, []string{"according to"}, true},
		{nil, []string{"may"}, false},
	}
	for _, tt := range tests {
		if got := keeps(tt.text, tt.quote); got != tt.want {
			t.Errorf("keeps(%q, %q) = %v, want %v", tt.text, tt.quote, got, tt.want)
		}
	}
}

// TestEvidence checks the three kinds of claim the resolve stage tells
// apart: stated, hedged (the hedge kept in the words, or declared) and
// alleged.
func TestEvidence(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- documents/doc.txt --
The NCB is part of the Criminal Police.

Coal is reportedly smuggled through the region.

The NCB is said to track activists abroad.
-- entities/agencies.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
  claims:
    - text: The NCB is part of the Criminal Police.
      cites:
        - source: doc
          quote: The NCB is part of the Criminal Police.
    - text: Coal is reportedly smuggled through the region.
      cites:
        - source: doc
          quote: Coal is reportedly smuggled through the region.
    - text: Coal is smuggled through the region.
      hedge: reportedly
      cites:
        - source: doc
          quote: Coal is reportedly smuggled through the region.
    - text: The source alleges that the NCB tracks activists abroad.
      allegation: true
      cites:
        - source: doc
          quote: The NCB is said to track activists abroad.
`)))
	if err != nil {
		t.Fatal(err)
	}
	cs := d.Entity("ncb").Claims
	want := []struct {
		ev     model.Evidence
		hedge  string
		worded bool // the claim's words carry the hedge
	}{{model.Stated, "", false}, {model.Hedged, "reportedly", true}, {model.Hedged, "reportedly", false}, {model.Alleged, "is said to", false}}
	for i, w := range want {
		if got := cs[i].Evidence(); got != w.ev || cs[i].Hedge != w.hedge || cs[i].Worded != w.worded {
			t.Errorf("claim %d: %s, hedge %q, worded %v; want %s, hedge %q, worded %v", i, got, cs[i].Hedge, cs[i].Worded, w.ev, w.hedge, w.worded)
		}
	}
}

// TestBackgroundCount checks that the resolve stage counts the background
// passages of notes and descriptions, and writes the number where a note
// asks for it.
func TestBackgroundCount(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- notes/10-about.md --
# About

The briefing has [[count:background]] background passages.

> [!background]
> Valdoria is invented.

> A plain quote is no background.
-- entities/places.yaml --
- id: north
  name: Northland
  kind: place
  description: |
    > [!background]
    > A country to the north.

    [[S:doc]] names it.

    > [!background]
    > Its capital is on a river.
`)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Background != 3 {
		t.Errorf("Background = %d, want 3", d.Background)
	}
	var count *markdown.Ref
	_ = ast.Walk(d.Notes[0].Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*markdown.Ref); ok && entering {
			count = r
		}
		return ast.WalkContinue, nil
	})
	if count == nil || count.Display() != "three" {
		t.Errorf("[[count:background]] = %+v, want three", count)
	}
}

func TestSentenceStart(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the sentence that holds the word "X", up to it
	}{
		{"paragraph start", "Coal X moves.", "Coal "},
		{"after a full stop", "One. Coal X moves.", "Coal "},
		{"after ! and ?", "One! Two? Coal X moves.", "Coal "},
		{"after a closing quote", `He said "stop." Coal X moves.`, "Coal "},
		{"after a closing bracket", "One (see above.) Coal X moves.", "Coal "},
		{"before an opening quote", `One. "Coal X moves."`, `"Coal `},
		{"before a digit", "In 2019. 45 X cases.", "45 "},
		{"lower case next: no break", "drugs, arms etc. and coal X moves.", "drugs, arms etc. and coal "},
		{"e.g.: no break", "Goods, e.g. Coal X moves.", "Goods, e.g. Coal "},
		{"U.S.: no break", "One. The U.S. Customs X acts.", "The U.S. Customs "},
		{"an initial: no break", "One. Said J. Smith X today.", "Said J. Smith "},
		{"No.: no break", "One. Order No. 5 X applies.", "Order No. 5 "},
		{"Art.: no break", "One. Under Art. 12 X applies.", "Under Art. 12 "},
		{"Mr.: no break", "One. Sold by Mr. Smith X today.", "Sold by Mr. Smith "},
		{"St.: no break", "One. Via St. Petersburg X today.", "Via St. Petersburg "},
		{"a stop without a space: no break", "One.Two X three.", "One.Two "},
		{"a semicolon is no sentence break", "One; two X three.", "One; two "},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, "X")
		if got := tt.text[sentenceStart(tt.text, at):at]; got != tt.want {
			t.Errorf("%s: sentence of X in %q starts %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestClauseStart(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the clause that holds the word "X", up to it
	}{
		{"no boundary", "Arms are believed to cross X here.", "Arms are believed to cross X"},
		{"semicolon", "Arms are believed to cross; X is here.", "X"},
		{"comma and", "Arms are believed to cross, and X is here.", "and X"},
		{"comma but", "Arms are believed to cross, but X is here.", "but X"},
		{"comma while", "Arms may cross, while X is here.", "while X"},
		{"comma whereas", "Arms may cross, whereas X is here.", "whereas X"},
		{"comma where", "Amber in Ukraine, where X is here.", "where X"},
		{"comma which: no boundary", "Coal is reportedly smuggled, which X costs.", "Coal is reportedly smuggled, which X"},
		{"comma or: no boundary", "Arms may be sold, or X shipped.", "Arms may be sold, or X"},
		{"a plain comma: no boundary", "Arms, reportedly, X cross.", "Arms, reportedly, X"},
		{"and without a comma: no boundary", "Arms reportedly cross and X go.", "Arms reportedly cross and X"},
		{"a word that starts with and", "Arms cross, Andean X go.", "Arms cross, Andean X"},
		{"the last boundary", "A; B, and C, where X is.", "where X"},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, "X")
		from := clauseStart(tt.text, 0, at)
		if got := tt.text[from : at+1]; got != tt.want {
			t.Errorf("%s: clause of X in %q is %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
	// The clause never starts before the sentence.
	text := "One; two. Three X."
	if from := clauseStart(text, strings.Index(text, "Three"), strings.Index(text, "X")); text[from:] != "Three X." {
		t.Errorf("clause of X in %q starts at %q, want Three", text, text[from:])
	}
}

// claimCase is a claim of an entity that cites a paragraph of doc.txt, for
// the whole-load tests of the hedge and allegation checks.
type claimCase struct {
	name       string
	paragraph  string // the whole of doc.txt
	quote      string
	text       string // the claim's words
	allegation bool
	want       string // part of the error, or "" for none
}

// loadClaim loads the dossier with the claim of tt and resolves it; it
// returns the claim and the error.
func loadClaim(t *testing.T, tt claimCase) (*model.Claim, error) {
	t.Helper()
	yq := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	yaml := "- id: ncb\n  name: National Central Bureau\n  kind: unit\n  claims:\n    - text: " + yq(tt.text) + "\n"
	if tt.allegation {
		yaml += "      allegation: true\n"
	}
	yaml += "      cites:\n        - source: doc\n          quote: " + yq(tt.quote) + "\n"
	ar := &txtar.Archive{Files: []txtar.File{
		{Name: "documents/doc.txt", Data: []byte(tt.paragraph + "\n")},
		{Name: "entities/agencies.yaml", Data: []byte(yaml)},
	}}
	if strings.Contains(tt.paragraph, "\n") {
		// A paragraph broken across lines: the document is hard-wrapped.
		base, err := txtar.ParseFile("testdata/base.txtar")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range base.Files {
			if f.Name == "documents/doc.yaml" {
				ar.Files = append(ar.Files, txtar.File{Name: f.Name, Data: append(f.Data, "cleaning:\n  layout: wrapped\n"...)})
			}
		}
	}
	d, err := load(t, ar)
	if d == nil || d.Entity("ncb") == nil {
		t.Fatalf("%s: not loaded: %v", tt.name, err)
	}
	return &d.Entity("ncb").Claims[0], err
}

func checkClaims(t *testing.T, tests []claimCase) {
	t.Helper()
	for _, tt := range tests {
		_, err := loadClaim(t, tt)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v; want no error", tt.name, err)
		case tt.want != "" && err == nil:
			t.Errorf("%s: no error; want %q", tt.name, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
}

// TestHedgeBeforeQuote checks that a hedge standing before a quote in its
// sentence qualifies it, as one in the quote does, and that one after the
// quote, in an earlier sentence or in an earlier clause does not.
func TestHedgeBeforeQuote(t *testing.T) {
	checkClaims(t, []claimCase{
		{name: "before the quote",
			paragraph: "Human trafficking appears to be carried out by low-level customs officials.",
			quote:     "carried out by low-level customs officials.",
			text:      "Trafficking is carried out by low-level customs officials.",
			want:      `drops the hedge "appears to" that stands before its quote in the same sentence of S1 ¶1 ("…appears to be", then the quote on line 8`},
		{name: "before the quote, kept in the claim's words",
			paragraph: "Human trafficking appears to be carried out by low-level customs officials.",
			quote:     "carried out by low-level customs officials.",
			text:      "Trafficking appears to be carried out by low-level customs officials."},
		{name: "the words before the quote as the paragraph writes them",
			paragraph: "Arms are reportedly sold by ‘low-level’ officials to buyers in Poland.",
			quote:     "officials to buyers in Poland.",
			text:      "Officials sell arms to buyers in Poland.",
			want:      `("…reportedly sold by ‘low-level’", then the quote`},
		{name: "a phrase that runs into the quote",
			paragraph: "The NCB is said to track activists abroad.",
			quote:     "to track activists abroad.",
			text:      "The NCB tracks activists abroad.",
			want:      `drops the hedge "is said to" that stands before its quote`},
		{name: "after the quote",
			paragraph: "Coal moves through the region, according to the police.",
			quote:     "Coal moves through the region",
			text:      "Coal moves through the region."},
		{name: "in the sentence before",
			paragraph: "Coal is reportedly smuggled. The NCB tracks it.",
			quote:     "The NCB tracks it.",
			text:      "The NCB tracks the coal."},
		{name: "no sentence break after an abbreviation",
			paragraph: "Arms are reportedly sold by Mr. Smith to buyers in Poland.",
			quote:     "Smith to buyers in Poland.",
			text:      "Smith sells arms to buyers in Poland.",
			want:      `drops the hedge "reportedly" that stands before its quote`},
		{name: "no sentence break after an initial",
			paragraph: "Arms are reportedly sold by J. Smith to buyers in Poland.",
			quote:     "Smith to buyers in Poland.",
			text:      "Smith sells arms to buyers in Poland.",
			want:      `drops the hedge "reportedly"`},
		{name: "in an earlier clause joined by and",
			paragraph: "Arms are believed to cross the border near Brask, and most seizures are made by the Customs Service.",
			quote:     "most seizures are made by the Customs Service.",
			text:      "Most seizures are made by the Customs Service."},
		{name: "in an earlier clause joined by where",
			paragraph: "Minsk is said to be following the amber fever in Ukraine, where government forces struggle to contain amber mafias.",
			quote:     "where government forces struggle to contain amber mafias.",
			text:      "Government forces in Ukraine struggle to contain amber mafias."},
		{name: "in the same clause, after and",
			paragraph: "Coal is smuggled, and gas is reportedly sold in Poland.",
			quote:     "sold in Poland.",
			text:      "Gas is sold in Poland.",
			want:      `drops the hedge "reportedly"`},
		{name: "opening the sentence, across a clause",
			paragraph: "According to the police, coal is smuggled, and gas is sold in Poland.",
			quote:     "gas is sold in Poland.",
			text:      "Gas is sold in Poland.",
			want:      `drops the hedge "according to"`},
		{name: "across line breaks and typographic quotes",
			paragraph: "Minsk is said to be\nfollowing the ‘amber fever’ in Ukraine.",
			quote:     "following the 'amber fever' in Ukraine.",
			text:      "Minsk follows the amber fever in Ukraine.",
			want:      `drops the hedge "is said to" that stands before its quote`},
	})
	c, err := loadClaim(t, claimCase{
		name:      "recorded",
		paragraph: "Human trafficking appears to be carried out by low-level customs officials.",
		quote:     "carried out by low-level customs officials.",
		text:      "Trafficking appears to be carried out by low-level customs officials."})
	if err != nil || c.Evidence() != model.Hedged || c.Hedge != "appears to" {
		t.Errorf("claim that keeps a hedge before its quote: %s, hedge %q, %v; want hedged, hedge \"appears to\"", c.Evidence(), c.Hedge, err)
	}
}

// TestAllegations checks that a claim whose quote, or the words that
// qualify it, report an allegation must be marked as one, with each word
// of Allegations in a real sentence, and that words which only look like
// one do not count.
func TestAllegations(t *testing.T) {
	alleged := []struct{ sentence, word string }{
		{"The president has allegedly used the system to crack down on opponents.", "allegedly"},
		{"He was listed over the alleged violence against a police officer.", "alleged"},
		{"It is alleged by critics that the bureau tracks activists abroad.", "alleged"},
		{"Local journalists allege that officers take bribes at the port.", "allege"},
		{"The report alleges that officers take bribes at the port.", "alleges"},
		{"A lawsuit filed in 2021, alleging that officers took bribes at the port, is pending.", "alleging"},
		{"There is an allegation that officers take bribes at the port.", "allegation that"},
		{"There are allegations that officers take bribes at the port.", "allegations that"},
		{"He faces an allegation of bribery at the port.", "allegation of"},
		{"There are allegations of bribery at the port.", "allegations of"},
		{"The government has been accused of smuggling arms to conflict zones.", "accused of"},
		{"The minister is accused by the opposition in a fraud case.", "is accused"},
		{"Two officers are accused by the prosecutor in the fraud case.", "are accused"},
		{"The officer was accused, by his colleagues, of taking bribes.", "was accused"},
		{"The officers were accused, by the press, of taking bribes.", "were accused"},
		{"The bureau has been accused, by several groups, of misuse.", "been accused"},
		{"Despite being accused, in court, of fraud, he kept the post.", "being accused"},
		{"Critics accuse the bureau of tracking activists abroad.", "accuse"},
		{"The report accuses the bureau of tracking activists abroad.", "accuses"},
		{"A report accusing the bureau of misuse was published.", "accusing"},
		{"He denied the accusation that he took bribes at the port.", "accusation that"},
		{"He denied the accusations that he took bribes at the port.", "accusations that"},
		{"He faced an accusation of bribery at the port.", "accusation of"},
		{"He faced accusations of bribery at the port.", "accusations of"},
		{"Two officers are suspected of taking bribes at the port.", "suspected of"},
		{"The officer is suspected in the theft of seized goods.", "is suspected"},
		{"Two officers are suspected in the theft of seized goods.", "are suspected"},
		{"The officer was suspected, by his superiors, of theft.", "was suspected"},
		{"The officers were suspected, by their superiors, of theft.", "were suspected"},
		{"Belarus has also been suspected, by Russian officials, of avoiding export duties.", "been suspected"},
		{"After being suspected, by the auditors, of fraud, he resigned.", "being suspected"},
		{"Two officers were arrested on suspicion of taking bribes.", "on suspicion of"},
	}
	var tests []claimCase
	for _, a := range alleged {
		tests = append(tests,
			claimCase{name: a.word, paragraph: a.sentence, quote: a.sentence, text: a.sentence,
				want: `rests on an allegation: its quote from S1 ¶1 says "` + a.word + `"`},
			claimCase{name: a.word + ", marked", paragraph: a.sentence, quote: a.sentence, text: a.sentence, allegation: true})
	}
	tests = append(tests,
		claimCase{name: "before the quote, in its clause",
			paragraph: "Local journalists allege that officers of the port take bribes to let shipments pass.",
			quote:     "officers of the port take bribes to let shipments pass.",
			text:      "Officers of the port take bribes.",
			want:      `rests on an allegation: "allege" stands before its quote in the same sentence of S1 ¶1 ("…allege that", then the quote on line 8`},
		claimCase{name: "in an earlier sentence",
			paragraph: "Journalists allege bribery. The port handles most of the coal.",
			quote:     "The port handles most of the coal.",
			text:      "The port handles most of the coal."},
		claimCase{name: "in an earlier clause",
			paragraph: "The government has been accused of smuggling arms, and it is likely that officials are involved in trafficking.",
			quote:     "it is likely that officials are involved in trafficking.",
			text:      "It is likely that officials are involved in trafficking."},
		claimCase{name: "after the quote",
			paragraph: "Officers of the port were dismissed after they were accused of bribery.",
			quote:     "Officers of the port were dismissed",
			text:      "Officers of the port were dismissed."},
		// Words that look like an allegation but are none.
		claimCase{name: "suspected cases",
			paragraph: "The ministry recorded 40 suspected cases of measles in 2023.",
			quote:     "The ministry recorded 40 suspected cases of measles in 2023.",
			text:      "The ministry recorded 40 suspected cases of measles in 2023."},
		claimCase{name: "suspect that",
			paragraph: "INTERPOL does not even suspect that it is transmitting the data.",
			quote:     "INTERPOL does not even suspect that it is transmitting the data.",
			text:      "INTERPOL does not even suspect that it is transmitting the data."},
		claimCase{name: "charged with a task",
			paragraph: "The State Border Guard Committee is charged with protecting the border.",
			quote:     "The State Border Guard Committee is charged with protecting the border.",
			text:      "The committee is charged with protecting the border."},
		claimCase{name: "the accused",
			paragraph: "The accused has the right to a lawyer from the first interrogation.",
			quote:     "The accused has the right to a lawyer from the first interrogation.",
			text:      "The accused has the right to a lawyer."},
		claimCase{name: "allegations named, not made",
			paragraph: "It is difficult to assess whether authorities address money laundering given corruption allegations.",
			quote:     "It is difficult to assess whether authorities address money laundering given corruption allegations.",
			text:      "It is difficult to assess whether authorities address money laundering, given corruption allegations."},
	)
	checkClaims(t, tests)
}
