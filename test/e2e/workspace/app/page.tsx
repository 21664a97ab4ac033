import { after } from 'next/server'
import { headers } from 'next/headers'

export default async function Page() {
  after(async () => {
    const userAgent = (await headers()).get('user-agent')
    console.log('rendered for', userAgent)
  })
  return <main>Hello</main>
}
