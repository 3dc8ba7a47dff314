package app_test

import (
	"net/http"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

func TestHealthzAndOpenAPI(t *testing.T) {
	ts := apptest.Start(t)
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/openapi.json": 200, "/nowhere": 404, "/static/style.css": 200} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}
