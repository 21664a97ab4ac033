'use client'
import { after } from 'next/server'
import { useState } from 'react'

export function Counter() {
  const [n, setN] = useState(0)
  return <button onClick={() => { after(() => setN(n + 1)) }}>{n}</button>
}
