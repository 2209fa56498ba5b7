#!/usr/bin/env bash
# Adds an EF Core migration to one service: scripts/add-migration.sh catalog AddCooperatives
# Design time builds the service's host, which needs connection strings; these are never connected to.
set -euo pipefail
service="$1"; name="$2"
cd "$(dirname "$0")/.."
project=$(ls services/"$service"/*.csproj)
db="${service}db"
export "ConnectionStrings__${db}=Host=127.0.0.1;Database=${service}"
export ConnectionStrings__broker="amqp://guest:guest@127.0.0.1:5672"
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project "$project" --output-dir Infrastructure/Migrations
