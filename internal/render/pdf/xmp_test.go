package pdf

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// TestXMPPacket checks that the briefing's XMP metadata is well-formed
// XML whatever the settings hold, gives each value as written, and leaves
// out what the settings do not give.
func TestXMPPacket(t *testing.T) {
	tests := []struct {
		name string
		in   xmpInfo
		want map[string]string // element → its text; "" for one left out
	}{
		{"everything, to escape", xmpInfo{
			Title: `Crime & "order" <draft>`, Subject: "Милиция и суды", Author: "Desk A & B",
			Language: "ru", Created: time.Date(2026, 9, 1, 10, 30, 0, 0, time.FixedZone("", 3*3600)), BuildID: "0a85",
		}, map[string]string{
			"title": `Crime & "order" <draft>`, "description": "Милиция и суды", "creator": "Desk A & B",
			"language": "ru", "CreateDate": "2026-09-01T07:30:00Z", "InstanceID": BuildInstance + "0a85",
			"Producer": producer, "CreatorTool": "dossier",
		}},
		{"no author, language or build", xmpInfo{Title: "T", Subject: "S", Created: time.Unix(0, 0)}, map[string]string{
			"title": "T", "creator": "", "language": "", "InstanceID": "", "CreateDate": "1970-01-01T00:00:00Z",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			packet := xmpPacket(tt.in)
			got := map[string]string{}
			dec := xml.NewDecoder(strings.NewReader(string(packet)))
			var path []string
			for {
				tok, err := dec.Token()
				if err != nil {
					if err != io.EOF {
						t.Fatalf("the packet is not well-formed XML: %v\n%s", err, packet)
					}
					break
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					path = append(path, tok.Name.Local)
				case xml.EndElement:
					path = path[:len(path)-1]
				case xml.CharData:
					// The text of an element, or of the rdf:li of a
					// property's Alt, Seq or Bag, under the property's name.
					if s := strings.TrimSpace(string(tok)); s != "" {
						for i := len(path) - 1; i >= 0; i-- {
							if p := path[i]; p != "li" && p != "Alt" && p != "Seq" && p != "Bag" {
								got[p] += s
								break
							}
						}
					}
				}
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("%s: %q, want %q", name, got[name], want)
				}
			}
		})
	}
}
