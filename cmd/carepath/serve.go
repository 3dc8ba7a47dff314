package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/demo"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/web"
)

// runServe starts the web server: migrations first, then demo data when asked, then HTTP (or
// HTTPS) until SIGINT or SIGTERM. internal/app builds the services and the handler.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve is runServe until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("CAREPATH_ADDR", "localhost:8080"), "address to listen on (env CAREPATH_ADDR)")
	db := dbFlag(fs)
	seedDemo := fs.Bool("demo", false, "seed demo data into an empty database")
	idle := fs.Duration("session-idle", envDuration("CAREPATH_SESSION_IDLE", web.DefaultSignInIdle), "end staff sessions after this long without a request (env CAREPATH_SESSION_IDLE)")
	logFormat := fs.String("log", envOr("CAREPATH_LOG", ""), "log format: text or json (default: text on a terminal, json otherwise; env CAREPATH_LOG)")
	tf := addTransportFlags(fs)
	keyFile := secretKeyFlag(fs)
	smtpURL := fs.String("smtp-url", envOr("CAREPATH_SMTP_URL", ""), "mail server for alerts and links: smtp://[user:pass@]host:port; STARTTLS when offered (env CAREPATH_SMTP_URL)")
	mailFrom := fs.String("mail-from", envOr("CAREPATH_MAIL_FROM", ""), "sender address of carepath's email, e.g. \"carepath <alerts@clinic.example>\" (env CAREPATH_MAIL_FROM)")
	webhook := fs.String("alert-webhook", envOr("CAREPATH_ALERT_WEBHOOK", ""), "URL that receives a JSON POST for every safety-alert message, for a paging service (env CAREPATH_ALERT_WEBHOOK)")
	escalate := fs.Duration("alert-escalate-after", envDuration("CAREPATH_ALERT_ESCALATE_AFTER", store.DefaultEscalateAfter), "alert the backup on call when a safety alert is not acknowledged after this long (env CAREPATH_ALERT_ESCALATE_AFTER)")
	outboxPoll := fs.Duration("outbox-poll", envDuration("CAREPATH_OUTBOX_POLL", 2*time.Second), "how often the outbox worker looks for due safety-alert messages (env CAREPATH_OUTBOX_POLL)")
	outboxLease := fs.Duration("outbox-lease", envDuration("CAREPATH_OUTBOX_LEASE", 2*time.Minute), "how long a message being sent is the worker's before it is due again after a crash (env CAREPATH_OUTBOX_LEASE)")
	authAlerts := fs.Duration("authorization-alerts-every", envDuration("CAREPATH_AUTHORIZATION_ALERTS_EVERY", app.DefaultAuthorizationAlertsEvery), "how often the worker queues the authorization and physician certification alerts that came due, by email to the care team (and who recorded the authorization); also at start (env CAREPATH_AUTHORIZATION_ALERTS_EVERY)")
	writeWait := fs.Duration("write-wait", envDuration("CAREPATH_WRITE_WAIT", store.DefaultWriteWait), "how long a request waits for the database's writer before it is answered 503 with Retry-After (env CAREPATH_WRITE_WAIT)")
	shutdownTimeout := fs.Duration("shutdown-timeout", envDuration("CAREPATH_SHUTDOWN_TIMEOUT", 30*time.Second), "on SIGTERM or SIGINT, how long requests in flight may take to finish before they are cut off (env CAREPATH_SHUTDOWN_TIMEOUT)")
	metricsAddr := fs.String("metrics-addr", envOr("CAREPATH_METRICS_ADDR", ""), "also serve /metrics, without authentication, on this address; bind it to loopback or a private network (default: /metrics only on --addr, to an admin's API token; env CAREPATH_METRICS_ADDR)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := newLogger(stderr, *logFormat)
	tr, err := tf.check()
	if err != nil {
		fmt.Fprintf(stderr, "carepath serve: %v\n", err)
		return 2
	}

	d, err := app.Open(ctx, *db, app.SecretKeyFile(*keyFile))
	if err != nil {
		log.Error("open database", "err", err)
		return 1
	}
	closed := false
	defer func() {
		if !closed {
			d.Close()
		}
	}()
	for _, n := range d.Notices {
		log.Warn(n)
	}
	cfg := app.Config{Log: log, SignInIdle: *idle, BaseURL: tr.baseURL, TrustedProxies: tr.proxies,
		SMTPURL: *smtpURL, MailFrom: *mailFrom, AlertWebhook: *webhook, EscalateAfter: *escalate, OutboxPoll: *outboxPoll, OutboxLease: *outboxLease,
		AuthorizationAlertsEvery: *authAlerts, WriteWait: *writeWait}
	if *seedDemo {
		// The demo's own admin may try carepath without an authenticator app (a banner says
		// so); every other admin account sets one up first.
		cfg.DemoDomain = demo.EmailDomain
		log.Warn("demo mode: the demo admin (" + "admin@" + demo.EmailDomain + ") works without an authenticator app; never use --demo with real data")
	}
	a, err := app.New(d.Store, cfg)
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	if *seedDemo {
		if _, err := demo.Seed(ctx, a.Services, stdout); err != nil {
			log.Error("seed demo data", "err", err)
			return 1
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "addr", *addr, "err", err)
		return 1
	}
	if warning := tr.plainHTTPWarning(ln.Addr()); warning != "" {
		fmt.Fprintln(stderr, warning)
	}
	fmt.Fprintf(stdout, "carepath is running at %s://%s/ (Ctrl-C stops it)\n", tr.scheme(), ln.Addr())
	if tr.baseURL == "" {
		// The outbox's emails are built without a request to take the host from.
		a.Outbox.BaseURL = tr.scheme() + "://" + ln.Addr().String()
		log.Warn("no --base-url: links in emails start with " + a.Outbox.BaseURL + "; set CAREPATH_BASE_URL to the address staff and clients reach")
	}
	hs := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 2)
	go func() { errc <- tr.serveOn(hs, ln) }()
	if *metricsAddr != "" {
		ms, err := serveMetrics(*metricsAddr, a.Metrics, log, errc)
		if err != nil {
			log.Error("listen for metrics", "addr", *metricsAddr, "err", err)
			return 1
		}
		defer ms.Close()
		fmt.Fprintf(stdout, "metrics at http://%s/metrics\n", ms.Addr)
	}
	worker := make(chan struct{})
	go func() { a.Run(ctx); close(worker) }()
	select {
	case err := <-errc:
		log.Error("serve", "err", err)
		return 1
	case <-ctx.Done():
	}
	closed = true
	return shutdown(hs, a, d, worker, *shutdownTimeout, log)
}

// shutdown stops a server gracefully, in order: it stops accepting connections and waits up
// to timeout for the requests in flight to finish (each read returns only once its audit rows
// are committed), waits for the outbox worker to finish the message it is sending, flushes
// the audit queue, and closes the database (SQLite checkpoints its log). It returns the exit
// status: 0, or 1 when the requests did not finish in time or the database did not close.
func shutdown(hs *http.Server, a *app.App, d *app.Database, worker <-chan struct{}, timeout time.Duration, log *slog.Logger) int {
	status := 0
	log.Info("shutting down: draining requests in flight", "timeout", timeout)
	drain, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := hs.Shutdown(drain); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("requests still in flight after the shutdown timeout were cut off", "err", err)
		hs.Close()
		status = 1
	}
	<-worker
	flush, cancelFlush := context.WithTimeout(context.Background(), timeout)
	defer cancelFlush()
	if err := a.FlushAudits(flush); err != nil {
		log.Error("audit queue not flushed", "err", err)
		status = 1
	}
	if err := d.Close(); err != nil {
		log.Error("close database", "err", err)
		return 1
	}
	log.Info("stopped")
	return status
}

// serveMetrics serves m at /metrics on addr, without authentication, until the server is
// closed; an error of the server after it started goes to errc.
func serveMetrics(addr string, m *app.Metrics, log *slog.Logger, errc chan<- error) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	ms := &http.Server{Addr: ln.Addr().String(), Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() {
		if err := ms.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("metrics: %w", err)
		}
	}()
	return ms, nil
}

// newLogger logs text on a terminal and JSON elsewhere, unless format says which.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
