// Never opened by the e2e suite: its problem reaches the Problems panel through "Check Whole App".
async function recordAuditEntry(entry: Record<string, unknown>): Promise<void> {
  await fetch('https://audit.example.com', { method: 'POST', body: JSON.stringify(entry) })
}

export async function DELETE(request: Request) {
  const { id } = await request.json()
  await recordAuditEntry({ id, action: 'delete' })
  return new Response(null, { status: 204 })
}
