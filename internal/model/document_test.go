package model

import "testing"

// TestHeadingTitle: a heading in capitals is set in title case (sentence
// case in another language), keeping the acronyms the paragraphs write in
// capitals; other headings are left as written.
func TestHeadingTitle(t *testing.T) {
	d := &Document{Language: "en", Blocks: []Block{
		{Kind: Paragraph, Text: "The ABC and UNODC work together."},
	}}
	tests := []struct{ text, lang, want string }{
		{"PEOPLE", "", "People"},
		{"CRIMINAL ACTORS", "", "Criminal Actors"},
		{"LEADERSHIP AND GOVERNANCE", "", "Leadership and Governance"},
		{"ORGANISED CRIME IN VALDORIA: A RESEARCH BRIEF", "", "Organised Crime in Valdoria: A Research Brief"},
		{"CYBER-DEPENDENT CRIMES", "", "Cyber-Dependent Crimes"},
		{"UNODC IN THE ABC", "", "UNODC in the ABC"},
		{"WHAT IT IS FOR", "", "What It Is For"},
		{"ABC structure", "", "ABC structure"},
		{"ЛИЧНЫЙ СОСТАВ ABC", "ru", "Личный состав ABC"},
		{"A", "", "A"},
	}
	for _, tt := range tests {
		b := Block{Kind: Heading, Level: 1, Text: tt.text, Lang: tt.lang}
		if got := d.HeadingTitle(&b); got != tt.want {
			t.Errorf("HeadingTitle(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if b.Text != tt.text {
			t.Errorf("HeadingTitle changed the block's text to %q", b.Text)
		}
	}
	p := Block{Kind: Paragraph, Text: "SHOUTED PARAGRAPH"}
	if got := d.HeadingTitle(&p); got != p.Text {
		t.Errorf("a paragraph is set as %q, want it verbatim", got)
	}
}
