import fs from 'node:fs';
import { printKubeknowSchema } from '../../src/graphql/print';
test('print', async () => { fs.writeFileSync('/work/main/schema.graphql', await printKubeknowSchema()); });
