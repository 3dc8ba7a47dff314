package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/carepath/carepath/internal/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are what carepath tells a Prometheus server, in its text format: requests by route
// pattern and status class (counts and latency), the depth of the audit queue, the database
// pools, and the Go runtime. Labels are route patterns, status classes and pool names: never
// a path, an id or anything a client typed.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// newMetrics builds the metrics of a server over st.
func newMetrics(st *store.Store) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carepath_http_requests_total",
			Help: "Requests answered, by route pattern and status class (2xx, 3xx, 4xx, 5xx).",
		}, []string{"route", "class"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "carepath_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its answer, by route pattern and status class.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "class"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "carepath_audit_queue_depth",
			Help: "Reads waiting for their audit rows to be committed (not counting the batch being committed).",
		}, func() float64 { return float64(st.AuditQueueDepth()) }),
		poolCollector{st},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// ObserveRequest counts one answered request (httpserver.Observer).
func (m *Metrics) ObserveRequest(route string, status int, took time.Duration) {
	class := strconv.Itoa(status/100) + "xx"
	m.requests.WithLabelValues(route, class).Inc()
	m.latency.WithLabelValues(route, class).Observe(took.Seconds())
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// poolCollector reports the counters of the store's connection pools (database/sql's DBStats)
// each time the metrics are read.
type poolCollector struct{ st *store.Store }

var (
	poolLabels  = []string{"pool"}
	poolOpen    = prometheus.NewDesc("carepath_db_open_connections", "Connections open, in use or idle.", poolLabels, nil)
	poolInUse   = prometheus.NewDesc("carepath_db_in_use_connections", "Connections in use.", poolLabels, nil)
	poolIdle    = prometheus.NewDesc("carepath_db_idle_connections", "Connections idle.", poolLabels, nil)
	poolMax     = prometheus.NewDesc("carepath_db_max_open_connections", "The most connections the pool opens.", poolLabels, nil)
	poolWaits   = prometheus.NewDesc("carepath_db_wait_count_total", "Times a call waited for a connection.", poolLabels, nil)
	poolWaited  = prometheus.NewDesc("carepath_db_wait_duration_seconds_total", "Time spent waiting for a connection.", poolLabels, nil)
	poolClosedI = prometheus.NewDesc("carepath_db_max_idle_closed_total", "Connections closed because too many were idle.", poolLabels, nil)
	poolClosedT = prometheus.NewDesc("carepath_db_max_lifetime_closed_total", "Connections closed because they reached their lifetime.", poolLabels, nil)
)

// Describe sends the descriptions of the pool metrics.
func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolOpen, poolInUse, poolIdle, poolMax, poolWaits, poolWaited, poolClosedI, poolClosedT} {
		ch <- d
	}
}

// Collect sends each pool's counters as they are now.
func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	for _, p := range c.st.PoolStats() {
		s := p.Stats
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.OpenConnections), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(s.InUse), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolIdle, prometheus.GaugeValue, float64(s.Idle), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxOpenConnections), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.WaitCount), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolWaited, prometheus.CounterValue, s.WaitDuration.Seconds(), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolClosedI, prometheus.CounterValue, float64(s.MaxIdleClosed), p.Pool)
		ch <- prometheus.MustNewConstMetric(poolClosedT, prometheus.CounterValue, float64(s.MaxLifetimeClosed), p.Pool)
	}
}
