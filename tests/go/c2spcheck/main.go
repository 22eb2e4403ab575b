// c2spcheck: an independent check of claimledger's transparency files with Go's
// golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev), used by
// tests/python/test_transparency_go.py. It shares no code with claimledger: it opens signed
// checkpoints with note.Open and checks proofs with tlog.CheckRecord and tlog.CheckTree.
//
//	c2spcheck checkpoint CHECKPOINT VERIFIER
//	c2spcheck receipt PROOF LEAF VERIFIER
//	c2spcheck consistency OLD NEW PROOF VERIFIER
//
// Prints "ok" and exits 0, or prints the reason and exits 1.
package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type tree struct {
	origin string
	size   int64
	root   tlog.Hash
}

func fail(format string, args ...any) {
	fmt.Printf(format+"\n", args...)
	os.Exit(1)
}

func read(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	return data
}

// openCheckpoint verifies a signed checkpoint with note.Open and parses its body.
func openCheckpoint(msg []byte, vkey string) tree {
	verifier, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail("checkpoint: fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || lines[1] != strconv.FormatInt(size, 10) {
		fail("checkpoint: bad size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint: bad root: %v", err)
	}
	return tree{lines[0], size, root}
}

func parseHashes(lines []string) []tlog.Hash {
	var hashes []tlog.Hash
	for _, line := range lines {
		h, err := tlog.ParseHash(line)
		if err != nil {
			fail("proof hash %q: %v", line, err)
		}
		hashes = append(hashes, h)
	}
	return hashes
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: c2spcheck checkpoint|receipt|consistency ...")
	}
	switch os.Args[1] {
	case "checkpoint":
		t := openCheckpoint(read(os.Args[2]), string(read(os.Args[3])))
		fmt.Printf("ok %s %d %s\n", t.origin, t.size, t.root)
	case "receipt":
		proof := read(os.Args[2])
		split := bytes.Index(proof, []byte("\n\n"))
		if !bytes.HasPrefix(proof, []byte("c2sp.org/tlog-proof@v1\n")) || split < 0 {
			fail("not a c2sp.org/tlog-proof@v1")
		}
		head := strings.Split(string(proof[:split]), "\n")[1:]
		if len(head) > 0 && strings.HasPrefix(head[0], "extra ") {
			if _, err := base64.StdEncoding.DecodeString(head[0][6:]); err != nil {
				fail("extra: %v", err)
			}
			head = head[1:]
		}
		if len(head) == 0 || !strings.HasPrefix(head[0], "index ") {
			fail("no index line")
		}
		index, err := strconv.ParseInt(head[0][6:], 10, 64)
		if err != nil {
			fail("index: %v", err)
		}
		t := openCheckpoint(proof[split+2:], string(read(os.Args[4])))
		leaf := tlog.RecordHash(read(os.Args[3]))
		if err := tlog.CheckRecord(parseHashes(head[1:]), t.size, t.root, index, leaf); err != nil {
			fail("inclusion: %v", err)
		}
		fmt.Printf("ok %s %d index %d\n", t.origin, t.size, index)
	case "consistency":
		vkey := string(read(os.Args[5]))
		old := openCheckpoint(read(os.Args[2]), vkey)
		new := openCheckpoint(read(os.Args[3]), vkey)
		text := strings.TrimSuffix(string(read(os.Args[4])), "\n")
		var lines []string
		if text != "" {
			lines = strings.Split(text, "\n")
		}
		if err := tlog.CheckTree(parseHashes(lines), new.size, new.root, old.size, old.root); err != nil {
			fail("consistency: %v", err)
		}
		fmt.Printf("ok %d -> %d\n", old.size, new.size)
	default:
		fail("unknown check %q", os.Args[1])
	}
}
