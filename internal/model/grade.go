package model

import "strconv"

// PublisherKind classifies who published a document.
type PublisherKind string

// The kinds of publisher a document can have.
const (
	Official      PublisherKind = "official"       // government or international organisation
	NGOResearch   PublisherKind = "ngo-research"   // non-governmental research
	MediaAdvocacy PublisherKind = "media-advocacy" // journalism, campaigning, opinion
)

// PublisherKinds lists the valid kinds in display order.
var PublisherKinds = []PublisherKind{Official, NGOResearch, MediaAdvocacy}

// Label is the kind as shown to readers.
func (k PublisherKind) Label() string {
	switch k {
	case Official:
		return "Official"
	case NGOResearch:
		return "NGO research"
	case MediaAdvocacy:
		return "Media / advocacy"
	}
	return string(k)
}

// Grade is a source grade on the Admiralty scale: the reliability of
// the source (A to F) and the credibility of its information (1 to 6).
type Grade struct {
	Reliability byte   // 'A'..'F'
	Credibility int    // 1..6
	Reason      string // one line: why this grade; filled in by the resolve stage from ReasonWritten

	ReasonWritten Written // Reason as written, with its [[references]]
}

// String returns the grade in its usual short form, e.g. "B2".
func (g Grade) String() string { return string(rune(g.Reliability)) + strconv.Itoa(g.Credibility) }

// Reliabilities describes the source-reliability scale, 'A' first.
var Reliabilities = []string{
	"Completely reliable",
	"Usually reliable",
	"Fairly reliable",
	"Not usually reliable",
	"Unreliable",
	"Reliability cannot be judged",
}

// Credibilities describes the information-credibility scale, 1 first.
var Credibilities = []string{
	"Confirmed by other independent sources",
	"Probably true",
	"Possibly true",
	"Doubtful",
	"Improbable",
	"Truth cannot be judged",
}

// ReliabilityText describes the reliability letter, e.g. "Usually reliable".
func (g Grade) ReliabilityText() string {
	if g.Reliability < 'A' || g.Reliability > 'F' {
		return "invalid"
	}
	return Reliabilities[g.Reliability-'A']
}

// CredibilityText describes the credibility number, e.g. "Probably true".
func (g Grade) CredibilityText() string {
	if g.Credibility < 1 || g.Credibility > 6 {
		return "invalid"
	}
	return Credibilities[g.Credibility-1]
}
