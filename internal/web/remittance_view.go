package web

import "github.com/carepath/carepath"

// remittanceView is the view model of the 835 upload page: the form (the pasted text kept when
// the file could not be read), and after posting what the remittance did.
type remittanceView struct {
	page
	Text   string
	Error  string // why the file was refused: it names the segment
	Result *remittanceResult
}

// remittanceResult is a posted remittance as the page shows it.
type remittanceResult struct {
	Postings  int
	Claims    []claimRow
	Unmatched []carepath.RemittanceUnmatched
}
