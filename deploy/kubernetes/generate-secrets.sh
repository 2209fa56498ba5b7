#!/usr/bin/env bash
# generate-secrets.sh OVERLAY DEST: copy deploy/kubernetes to DEST and fill the overlay's empty secret values there,
# so the checkout itself never holds a secret. Then: kubectl apply -k DEST/overlays/OVERLAY
#
# For a first installation. The values are written once: keep DEST/overlays/OVERLAY/secrets/*.env in your vault and
# fill later releases from it (new database passwords would be set on the roles while running pods keep the old).
# Made here: database passwords, identity's token keys, the web's key-protection certificate. Given by the partner courier (production):
# COURIER_WEBHOOK_SECRET in the environment; the dev overlay gets a fresh one for the courier sandbox. Given by the SMS
# gateway (production): SMS_WEBHOOK_SECRET; the dev overlay gets a fresh one for the SMS sandbox.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 dev|production DEST" >&2; exit 2; }
overlay=$1 dest=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
[[ -d $here/overlays/$overlay ]] || { echo "no overlay $overlay" >&2; exit 2; }
[[ ! -e $dest ]] || { echo "$dest exists: choose a new folder" >&2; exit 2; }
command -v openssl >/dev/null || { echo "needs openssl" >&2; exit 1; }

cp -r "$here" "$dest"
trap 'rm -rf "$dest"; echo "nothing written" >&2' ERR
secrets=$dest/overlays/$overlay/secrets
umask 077

value_for() { # file key
  case "$1:$2" in
    *-db.env:password) openssl rand -hex 24 ;;   # hex: safe inside a connection string
    # PKCS#8, DER, base64: what identity imports (TokenKeys, ImportPkcs8PrivateKey).
    identity-token-keys.env:signing-key)
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0 ;;
    identity-token-keys.env:encryption-key) openssl rand -base64 32 ;;
    # Self-signed, 20 years: it only encrypts the web's Data Protection keys at rest (PKCS#12 without a password).
    web-keys.env:certificate)
      local work; work=$(mktemp -d)
      openssl req -x509 -newkey rsa:2048 -nodes -days 7300 -subj /CN=tadamon-web-keys \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
      openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -passout pass: | base64 -w0
      rm -rf "$work" ;;
    courier-partner.env:webhook-secret)
      if [[ -n ${COURIER_WEBHOOK_SECRET:-} ]]; then printf '%s' "$COURIER_WEBHOOK_SECRET"
      elif [[ $overlay == dev ]]; then printf 'whsec_%s' "$(openssl rand -base64 32)"
      else echo "COURIER_WEBHOOK_SECRET is not set: the partner courier gives it" >&2; return 1
      fi ;;
    sms-partner.env:webhook-secret)
      if [[ -n ${SMS_WEBHOOK_SECRET:-} ]]; then printf '%s' "$SMS_WEBHOOK_SECRET"
      elif [[ $overlay == dev ]]; then printf 'whsec_%s' "$(openssl rand -base64 32)"
      else echo "SMS_WEBHOOK_SECRET is not set: the SMS gateway gives it" >&2; return 1
      fi ;;
    *) echo "do not know how to make $2 of $1" >&2; return 1 ;;
  esac
}

for file in "$secrets"/*.env; do
  name=$(basename "$file")
  tmp=$(mktemp)
  while IFS= read -r line; do
    if [[ $line =~ ^([A-Za-z0-9_.-]+)=$ ]]; then
      key=${BASH_REMATCH[1]}
      value=$(value_for "$name" "$key")
      printf '%s=%s\n' "$key" "$value"
    else
      printf '%s\n' "$line"
    fi
  done < "$file" > "$tmp"
  mv "$tmp" "$file"
done
echo "secrets written under $secrets; next: kubectl apply -k $dest/overlays/$overlay"
