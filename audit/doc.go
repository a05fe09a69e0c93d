// Package audit reads news articles and finds their structure and sourcing.
//
// Data flows one way: bytes are read into a Document (Read, ReadFile,
// Walk); Structure finds its blocks, sentences and quotations; later stages
// find claims, sources and attributions and run rules. Every element carries
// a Span of byte offsets into Document.Text, the article's UTF-8 text as
// read, so positions always point back into what the author wrote. For
// Markdown and HTML, Document.Text is the markup itself: the prose the
// detectors read is kept in a separate view whose offsets map back into it.
package audit
