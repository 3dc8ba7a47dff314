package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/carepath/carepath/access"
)

// claimBatchDownload sends the batch's 837 file exactly as written, as an attachment named by
// its interchange control number (claims-B12.837), which says nothing of its clients.
func (s *Server) claimBatchDownload(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	file, err := s.Claims.ClaimBatchFile(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "claim batch file", err, claimErrors)
		return
	}
	name := "claims.837"
	if n := interchangeControl(file); n > 0 {
		name = "claims-" + batchNumber(n) + ".837"
	}
	w.Header().Set("Content-Type", "application/edi-x12")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(file)
}

// interchangeControl reads the interchange control number (ISA13) of an X12 file, or 0. The
// ISA segment is fixed-width: its fourth character separates the elements.
func interchangeControl(file []byte) int {
	if len(file) < 106 || !bytes.HasPrefix(file, []byte("ISA")) {
		return 0
	}
	elems := bytes.Split(file[:106], file[3:4])
	if len(elems) < 14 {
		return 0
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(elems[13])))
	if err != nil {
		return 0
	}
	return n
}

// batchNumber is how pages and file names call a batch: B and its control number, as its 837
// names it (BHT03).
func batchNumber(control int) string { return "B" + strconv.Itoa(control) }
