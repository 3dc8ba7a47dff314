package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carepath/carepath/placement"
)

// TestPlacementProfileFieldsAreDecoded checks the document against the decoder the other way
// round from contract.Wrap, which holds every exchange to the document: every answer and
// context field the Profile schema documents is one placement.Decode knows.
func TestPlacementProfileFieldsAreDecoded(t *testing.T) {
	doc := openAPIDocument(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	profile := schemas["Profile"].(map[string]any)["properties"].(map[string]any)
	for _, section := range []string{"answers", "context"} {
		fields := profile[section].(map[string]any)["properties"].(map[string]any)
		if len(fields) == 0 {
			t.Fatalf("Profile.%s documents no fields", section)
		}
		for field := range fields {
			body := fmt.Sprintf(`{%q: {%q: null}}`, section, field)
			if _, err := placement.DecodeBytes([]byte(body)); err != nil && strings.Contains(err.Error(), "not a field carepath knows") {
				t.Errorf("%s.%s is documented, but the decoder does not know it", section, field)
			}
		}
	}
}
