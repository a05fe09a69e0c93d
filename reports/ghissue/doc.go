// Package ghissue files sourcecheck's findings as GitHub issues, without
// duplicates from one run to the next.
//
// A run goes in three steps. Build turns an audit report into the issues
// sourcecheck wants: one per article with findings (GroupArticle) or one
// digest for the whole run (GroupRun). Each body starts with a hidden
// marker,
//
//	<!-- sourcecheck:key=KEY fingerprint=FP -->
//
// where KEY is the article's stable identity (its path as given on the
// command line, and for JSON Lines the record's id) and FP hashes the
// findings shown (rule, level, message and the line-free finding
// fingerprint, so an edit elsewhere in the article changes nothing).
// Filer.List finds the issues already filed by listing the repository's
// issues that carry the tool's label, in every state, page by page; it
// does not use the search API, whose index lags. Plan compares the two:
//
//   - no issue for a key with findings: create one;
//   - an open issue whose fingerprint differs: edit its title and body;
//   - an open issue whose fingerprint is the same: leave it alone;
//   - an open issue whose article is now clean: close it as completed
//     when asked to (--close-resolved), rewriting its marker to the clean
//     fingerprint so that a recurrence is told apart;
//   - a closed-as-completed issue whose article has findings again, and
//     they differ from the ones it was closed with: reopen and update it.
//     Findings identical to those it was closed with mean a person closed
//     it deliberately, and it stays closed;
//   - an issue a person closed as not planned: never reopened, never filed
//     again, whatever the findings.
//
// Filer.Apply then sends the changes one request at a time with a pause
// between mutating requests. Rate limits (403 secondary limits, 429, an
// exhausted primary quota) are waited out by RetryTransport from
// Retry-After or x-ratelimit-reset with capped exponential backoff. A
// create that fails for any reason that leaves its fate unknown (a network
// error, a 5xx) is never retried blind: the issues are listed again and a
// new one is created only if no issue carries the marker yet.
//
// Article text in titles and bodies cannot mention people or teams, link
// issues or inject HTML: bodies go through reports.EscapeMarkdown, titles
// through EscapeTitle.
package ghissue
