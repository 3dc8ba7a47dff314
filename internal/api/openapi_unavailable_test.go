package api

import (
	"reflect"
	"testing"
)

// TestEveryOperationDocumentsUnavailable holds every operation of the document, now and to
// come, to documenting the 503 any of them answers when the database is too busy to take the
// call in time, through the one Unavailable response: problem details with Retry-After.
func TestEveryOperationDocumentsUnavailable(t *testing.T) {
	doc := openAPIDocument(t)
	want := map[string]any{"$ref": "#/components/responses/Unavailable"}
	paths, _ := doc["paths"].(map[string]any)
	operations := 0
	for _, path := range sortedKeys(paths) {
		item, _ := paths[path].(map[string]any)
		for _, method := range httpMethods {
			op, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			operations++
			responses, _ := op["responses"].(map[string]any)
			if !reflect.DeepEqual(responses["503"], want) {
				t.Errorf("%s %s: responses[\"503\"] = %v, want %v", method, path, responses["503"], want)
			}
		}
	}
	if operations < 50 {
		t.Fatalf("found %d operations; the test no longer reads the document", operations)
	}
	comps, _ := doc["components"].(map[string]any)
	responses, _ := comps["responses"].(map[string]any)
	u, _ := responses["Unavailable"].(map[string]any)
	headers, _ := u["headers"].(map[string]any)
	if ra, _ := headers["Retry-After"].(map[string]any); ra["required"] != true {
		t.Errorf("components.responses.Unavailable: Retry-After is not a required header: %v", headers)
	}
	content, _ := u["content"].(map[string]any)
	if _, ok := content["application/problem+json"]; !ok {
		t.Errorf("components.responses.Unavailable: no application/problem+json body: %v", content)
	}
}
