package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// getMetrics reads /metrics with token ("" for none) and returns the status and the body.
func getMetrics(t *testing.T, base, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// labelsOf returns a metric's labels as a map.
func labelsOf(m *dto.Metric) map[string]string {
	l := map[string]string{}
	for _, p := range m.GetLabel() {
		l[p.GetName()] = p.GetValue()
	}
	return l
}

// TestMetricsInPrometheusTextFormat reads a client's notes, then /metrics with an admin's
// token, and parses the answer with Prometheus's own text parser: the request counter and the
// latency histogram name the route pattern and the status class, the audit queue and the
// pools are there, and no client id appears. Without a token it is 401, with a clinician's 403.
func TestMetricsInPrometheusTextFormat(t *testing.T) {
	t.Parallel()
	srv := apptest.Start(t)
	c := apptest.SeedChart(t, srv.Store)
	admin, _ := apptest.Token(t, srv.Store, "ops@example.org", carepath.RoleAdmin)
	clinician, _ := apptest.Token(t, srv.Store, "doc@example.org", carepath.RoleClinician)
	for range 3 {
		if status, body := apptest.API(t, http.MethodGet, srv.URL+"/api/v1/clients/"+c.Client.ID+"/notes", admin, ""); status != http.StatusOK {
			t.Fatalf("notes: %d %s", status, body)
		}
	}
	if status, _ := getMetrics(t, srv.URL, ""); status != http.StatusUnauthorized {
		t.Errorf("/metrics without a token: %d, want 401", status)
	}
	if status, _ := getMetrics(t, srv.URL, clinician); status != http.StatusForbidden {
		t.Errorf("/metrics with a clinician's token: %d, want 403", status)
	}
	status, text := getMetrics(t, srv.URL, admin)
	if status != http.StatusOK {
		t.Fatalf("/metrics: %d %s", status, text)
	}
	if strings.Contains(text, c.Client.ID) {
		t.Errorf("the metrics hold a client id")
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the metrics are not Prometheus text: %v", err)
	}
	wantTypes := map[string]dto.MetricType{
		"carepath_http_requests_total":            dto.MetricType_COUNTER,
		"carepath_http_request_duration_seconds":  dto.MetricType_HISTOGRAM,
		"carepath_audit_queue_depth":              dto.MetricType_GAUGE,
		"carepath_db_open_connections":            dto.MetricType_GAUGE,
		"carepath_db_in_use_connections":          dto.MetricType_GAUGE,
		"carepath_db_wait_count_total":            dto.MetricType_COUNTER,
		"carepath_db_wait_duration_seconds_total": dto.MetricType_COUNTER,
		"carepath_db_max_open_connections":        dto.MetricType_GAUGE,
		"go_goroutines":                           dto.MetricType_GAUGE,
	}
	for name, typ := range wantTypes {
		f, ok := families[name]
		if !ok {
			t.Errorf("no family %s", name)
			continue
		}
		if f.GetType() != typ {
			t.Errorf("%s is a %v, want %v", name, f.GetType(), typ)
		}
	}
	const route = "GET /api/v1/clients/{id}/notes"
	var counted float64
	for _, m := range families["carepath_http_requests_total"].GetMetric() {
		if l := labelsOf(m); l["route"] == route && l["class"] == "2xx" {
			counted = m.GetCounter().GetValue()
		}
	}
	if counted != 3 {
		t.Errorf("requests_total{route=%q,class=2xx} = %v, want 3", route, counted)
	}
	var observed uint64
	for _, m := range families["carepath_http_request_duration_seconds"].GetMetric() {
		if l := labelsOf(m); l["route"] == route && l["class"] == "2xx" {
			observed = m.GetHistogram().GetSampleCount()
		}
	}
	if observed != 3 {
		t.Errorf("the latency histogram of %s counts %d requests, want 3", route, observed)
	}
	pools := map[string]float64{}
	for _, m := range families["carepath_db_max_open_connections"].GetMetric() {
		pools[labelsOf(m)["pool"]] = m.GetGauge().GetValue()
	}
	if pools["writer"] != 1 || pools["reader"] < 1 {
		t.Errorf("SQLite's pools: max open connections %v, want writer 1 and a reader pool", pools)
	}
}
