package notify

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestLogSenderLogsOnlyTheLinkID(t *testing.T) {
	var buf bytes.Buffer
	s := LogSender{Log: slog.New(slog.NewTextHandler(&buf, nil))}
	m := Message{LinkID: "0192-link", Channel: "sms", To: "+1 555 010 2030", URL: "https://clinic.example/m/SECRETTOKEN"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "0192-link") || strings.Contains(out, "SECRETTOKEN") || strings.Contains(out, "555") {
		t.Errorf("log: %s", out)
	}
	var r Recorder
	_ = r.Send(context.Background(), m)
	if got := r.Sent(); len(got) != 1 || got[0].URL != m.URL {
		t.Errorf("recorder: %+v", got)
	}
}
