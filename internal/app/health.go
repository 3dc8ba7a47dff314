package app

import (
	"log/slog"
	"net/http"

	"github.com/carepath/carepath/internal/store"
)

// health answers 200 once the database is migrated and reachable, 503 otherwise.
func health(st *store.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := st.Ping(r.Context()); err != nil {
			log.Error("health check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database not ready\n"))
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
}
