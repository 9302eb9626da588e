// Package archive writes and checks the offline copies of a dossier: one
// .tar.gz or .zip file holding the site, the briefing and a SHA256SUMS
// manifest, all under a single top directory such as dossier-2025-06-30/.
//
// Write produces the same bytes for the same files and options: entries in
// sorted order, uniform modes (0644 files, 0755 directories), owner 0 and no
// owner names, one modification time for every entry, and a gzip header
// without a file name or time. The manifest is in the format of coreutils
// sha256sum, with paths relative to the top directory, so that after
// extracting, `sha256sum -c SHA256SUMS` run in the top directory checks the
// copy with no dossier tool at hand.
//
// Verify reads an archive of either format as a stream, hashing each file
// as it goes, and reports every problem it finds, each naming the file: a
// file changed, missing or added since the manifest was written, a missing
// or malformed manifest, and entries no archivist should extract blindly
// (paths leaving the top directory, duplicates, links and other non-regular
// entries).
//
// The manifest detects accidents and tampering with the files alone; it is
// not a signature, and whoever can rewrite the archive can rewrite the
// manifest with it.
package archive
