package pdf

import (
	"bytes"
	"encoding/xml"
	"time"
)

// producer is the PDF's producer, in its document information and its
// XMP metadata: the library that writes the file.
const producer = "fpdf 0.9.0, patched for dossier"

// BuildInstance starts the XMP instance id (xmpMM:InstanceID) that records
// the build id (model.Dossier.BuildID) in the briefing, so that a check
// can tell whether a briefing and a site come from one build.
const BuildInstance = "xmp.iid:"

// xmpInfo is what the briefing's XMP metadata says of it: the document
// information, as readers' and archives' tools expect to find it in XMP
// too, and the build.
type xmpInfo struct {
	Title, Subject, Author, Language string
	Created                          time.Time
	BuildID                          string
}

// xmpPacket returns the XMP packet of the briefing (XMP Specification Part
// 1, in RDF/XML): Dublin Core's title, description, creator and language,
// the creator tool and dates, the producer, and the build as the instance
// id. Each value is escaped as XML; an empty one is left out.
func xmpPacket(in xmpInfo) []byte {
	var b bytes.Buffer
	text := func(s string) {
		_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer, which does not fail
	}
	// prop writes a property: its value, escaped, inside open and close
	// (an RDF container for the properties that take one); nothing for
	// an empty value.
	prop := func(name, open, close, value string) {
		if value == "" {
			return
		}
		b.WriteString("   <" + name + ">" + open)
		text(value)
		b.WriteString(close + "</" + name + ">\n")
	}
	elem := func(name, value string) { prop(name, "", "", value) }
	alt := func(name, value string) {
		prop(name, `<rdf:Alt><rdf:li xml:lang="x-default">`, "</rdf:li></rdf:Alt>", value)
	}
	list := func(name, kind, value string) {
		prop(name, "<rdf:"+kind+"><rdf:li>", "</rdf:li></rdf:"+kind+">", value)
	}
	date := in.Created.UTC().Format("2006-01-02T15:04:05Z")
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"\n")
	b.WriteString("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
	b.WriteString("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
	b.WriteString("    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n")
	b.WriteString("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
	elem("dc:format", "application/pdf")
	alt("dc:title", in.Title)
	alt("dc:description", in.Subject)
	list("dc:creator", "Seq", in.Author)
	list("dc:language", "Bag", in.Language)
	elem("xmp:CreatorTool", "dossier")
	elem("xmp:CreateDate", date)
	elem("xmp:ModifyDate", date)
	elem("xmp:MetadataDate", date)
	elem("pdf:Producer", producer)
	if in.BuildID != "" {
		elem("xmpMM:InstanceID", BuildInstance+in.BuildID)
	}
	b.WriteString("  </rdf:Description>\n")
	b.WriteString(" </rdf:RDF>\n")
	b.WriteString("</x:xmpmeta>\n")
	b.WriteString("<?xpacket end=\"r\"?>")
	return b.Bytes()
}
