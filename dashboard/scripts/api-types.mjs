// The dashboard's API types, generated from the query service's OpenAPI document (the one it
// serves at /openapi.yml, written at compile time into its target/classes) with openapi-typescript,
// laid out by Prettier so that the committed file passes `npm run lint` as it is. The document says
// `type: object` for Java's Object (any JSON value): emptyObjectsUnknown makes that `unknown`-valued.
//
//   node scripts/api-types.mjs          writes src/api/generated.ts
//   node scripts/api-types.mjs --check  fails when src/api/generated.ts is not what the document generates
//
// The query service's Maven build runs the check (query-service/pom.xml, test phase), right after
// compiling the document, so `./vigil test` fails when a controller's answer changed and the types
// were not regenerated.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import prettier from 'prettier'

const dashboard = new URL('../', import.meta.url)
const spec = new URL(
  process.env.VIGIL_OPENAPI ?? '../query-service/target/classes/META-INF/swagger/vigil.yml',
  dashboard,
)
const target = new URL('src/api/generated.ts', dashboard)
const HEADER = `// Generated from the query service's OpenAPI document (/openapi.yml) by \`npm run api:types\`.
// Do not edit: change the controller's answer record, compile the query service, regenerate.
// query-service's build fails while this file differs from what the document generates.

`

async function generate() {
  let document
  try {
    document = await readFile(spec, 'utf8')
  } catch {
    throw new Error(`no OpenAPI document at ${fileURLToPath(spec)}: compile the query service first`)
  }
  const source = HEADER + astToString(await openapiTS(document, { emptyObjectsUnknown: true }))
  const options = await prettier.resolveConfig(fileURLToPath(target))
  return prettier.format(source, { ...options, filepath: fileURLToPath(target) })
}

const generated = await generate()
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== generated) {
    console.error(
      `${fileURLToPath(target)} is not what ${fileURLToPath(spec)} generates: ` +
        'an API answer changed. Run `npm run api:types` in dashboard/ and commit the result.',
    )
    process.exit(1)
  }
  console.log('src/api/generated.ts matches the OpenAPI document')
} else {
  await writeFile(target, generated)
  console.log(`wrote ${fileURLToPath(target)}`)
}
