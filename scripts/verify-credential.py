#!/usr/bin/env python3
"""Independent verifier for Junheng's credit-bank credentials (no Swift code involved).

Checks W3C VC 2.0 credentials with eddsa-jcs-2022 Data Integrity proofs using PyPI's `rfc8785` (JCS) and
`cryptography` (Ed25519), did:key keys decoded from the DID, did:web keys from given DID documents, and revocation
from a given signed Bitstring Status List (GZIP, base64url multibase 'u').

Usage: verify-credential.py FILE [--status-list FILE]... [--did FILE]... [--at YYYY-MM-DDTHH:MM:SSZ]
Exit: 0 valid, 1 invalid (names what failed; a revoked credential is invalid), 2 status unknown (fails closed).
"""
import argparse
import base64
import datetime
import gzip
import hashlib
import json
import sys

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
VC2 = "https://www.w3.org/ns/credentials/v2"


def b58decode(text):
    n = 0
    for c in text:
        i = B58.find(c)
        if i < 0:
            raise ValueError("not base58")
        n = n * 58 + i
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + raw


def multikey(mb):
    if not mb.startswith("z"):
        return None
    b = b58decode(mb[1:])
    return b[2:] if len(b) == 34 and b[:2] == b"\xed\x01" else None


class Verifier:
    def __init__(self, dids, lists, now):
        self.dids, self.lists, self.now = dids, lists, now
        self.invalid, self.unknown, self.ok, self.revoked = [], [], [], []

    def resolve(self, vm):
        did, _, frag = vm.partition("#")
        if did.startswith("did:key:"):
            mb = did[len("did:key:"):]
            return multikey(mb) if frag in ("", mb) else None
        for doc in self.dids:
            if doc.get("id") != did:
                continue
            absolute = lambda i: did + i if i.startswith("#") else i
            assertion = [absolute(a if isinstance(a, str) else a.get("id", "")) for a in doc.get("assertionMethod", [])]
            if vm not in assertion:
                return None
            methods = doc.get("verificationMethod", []) + [a for a in doc.get("assertionMethod", []) if isinstance(a, dict)]
            for m in methods:
                if absolute(m.get("id", "")) == vm and m.get("type") == "Multikey" and m.get("controller", did) == did:
                    return multikey(m.get("publicKeyMultibase", ""))
        return None

    def proof(self, doc):
        """('valid', vm) | ('invalid', why) | ('unknown', why)."""
        p = doc.get("proof")
        if not isinstance(p, dict):
            return "invalid", "no single proof object"
        if p.get("type") != "DataIntegrityProof" or p.get("cryptosuite") != "eddsa-jcs-2022" or p.get("proofPurpose") != "assertionMethod":
            return "invalid", "not a DataIntegrityProof/eddsa-jcs-2022 assertion"
        vm, value = p.get("verificationMethod"), p.get("proofValue", "")
        if not isinstance(vm, str) or not isinstance(value, str) or not value.startswith("z"):
            return "invalid", "bad verificationMethod or proofValue"
        try:
            sig = b58decode(value[1:])
        except ValueError:
            return "invalid", "proofValue not base58"
        if "@context" in p and p["@context"] != doc.get("@context"):
            return "invalid", "proof @context differs from the document's"
        key = self.resolve(vm)
        if key is None:
            return "unknown", f"cannot resolve key {vm}"
        options = {k: v for k, v in p.items() if k != "proofValue"}
        unsigned = {k: v for k, v in doc.items() if k != "proof"}
        data = hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(unsigned)).digest()
        try:
            Ed25519PublicKey.from_public_bytes(key).verify(sig, data)
        except (InvalidSignature, ValueError):
            return "invalid", "signature does not match"
        return "valid", vm

    @staticmethod
    def issuer(doc):
        i = doc.get("issuer")
        return i if isinstance(i, str) else (i or {}).get("id") if isinstance(i, dict) else None

    def status(self, doc, issuer, path):
        s = doc.get("credentialStatus")
        if s is None:
            return
        for e in s if isinstance(s, list) else [s]:
            if not isinstance(e, dict) or e.get("type") != "BitstringStatusListEntry":
                self.unknown.append(f"{path}: unrecognised credentialStatus")
                continue
            url, purpose, idx = e.get("statusListCredential"), e.get("statusPurpose"), e.get("statusListIndex", "")
            if not (isinstance(idx, str) and idx.isdigit() and len(idx) <= 9):
                self.unknown.append(f"{path}: bad statusListIndex")
                continue
            lst = next((l for l in self.lists if l.get("id") == url), None)
            if lst is None:
                self.unknown.append(f"{path}: status list {url} not available")
                continue
            kind, vm = self.proof(lst)
            if kind != "valid" or vm.split("#")[0] != issuer or self.issuer(lst) != issuer:
                self.unknown.append(f"{path}: status list {url} not signed by the issuer ({vm})")
                continue
            subject = lst.get("credentialSubject", {})
            enc = subject.get("encodedList", "")
            try:
                if subject.get("type") != "BitstringStatusList" or subject.get("statusPurpose") != purpose or not enc.startswith("u"):
                    raise ValueError("wrong list")
                bits = gzip.decompress(base64.urlsafe_b64decode(enc[1:] + "=" * (-len(enc[1:]) % 4)))
                if len(bits) * 8 < 131072:
                    raise ValueError("list shorter than 131072 entries")
            except Exception as ex:  # unreadable list: unknown, never valid
                self.unknown.append(f"{path}: status list {url} unreadable: {ex}")
                continue
            i = int(idx)
            if i >= len(bits) * 8:
                self.unknown.append(f"{path}: index {i} outside the list")
            elif bits[i // 8] & (0x80 >> (i % 8)):
                self.revoked.append(doc.get("id", path))
                self.invalid.append(f"{path} ({doc.get('id')}): revoked (index {i})")
            else:
                self.ok.append(f"{path}: not revoked")

    def check(self, doc, path="$", depth=0):
        if not isinstance(doc, dict) or not isinstance(doc.get("@context"), list) or doc["@context"][:1] != [VC2]:
            self.invalid.append(f"{path}: not a VC 2.0 credential")
            return
        types = doc.get("type", [])
        types = types if isinstance(types, list) else [types]
        issuer = self.issuer(doc)
        kind, what = self.proof(doc)
        if kind == "valid" and what.split("#")[0] != issuer:
            self.invalid.append(f"{path}: key {what} does not belong to issuer {issuer}")
        elif kind == "valid":
            self.ok.append(f"{path}: signature valid")
        else:
            (self.invalid if kind == "invalid" else self.unknown).append(f"{path}: {what}")
        if isinstance(doc.get("validFrom"), str) and doc["validFrom"] > self.now:
            self.invalid.append(f"{path}: not yet valid")
        if isinstance(doc.get("validUntil"), str) and doc["validUntil"] <= self.now:
            self.invalid.append(f"{path}: expired")
        self.status(doc, issuer, path)
        if "ClrCredential" in types:
            inner = (doc.get("credentialSubject") or {}).get("verifiableCredential")
            if depth > 0 or not isinstance(inner, list) or not inner:
                self.invalid.append(f"{path}: ClrSubject without verifiableCredential")
                return
            for k, c in enumerate(inner):
                self.check(c, f"{path}.credentialSubject.verifiableCredential[{k}]", depth + 1)


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--status-list", action="append", default=[])
    ap.add_argument("--did", action="append", default=[])
    ap.add_argument("--at", default=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    a = ap.parse_args()
    try:
        doc = load(a.file)
    except Exception as ex:
        print(f"invalid\n  x {a.file}: {ex}")
        return 1
    lists, dids = [], []
    for p, into in [(p, lists) for p in a.status_list] + [(p, dids) for p in a.did]:
        try:
            into.append(load(p))
        except Exception as ex:
            print(f"  ! cannot read {p}: {ex} (treated as missing)")
    v = Verifier(dids, lists, a.at)
    v.check(doc)
    verdict = 1 if v.invalid else 2 if v.unknown else 0
    print(["valid", "invalid", "status unknown"][verdict])
    for line in v.invalid + v.unknown:
        print("  x " + line)
    for line in v.ok:
        print("  ok " + line)
    if v.revoked:
        print("revoked: " + ", ".join(v.revoked))
    return verdict


if __name__ == "__main__":
    sys.exit(main())
