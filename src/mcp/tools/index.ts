// Every MCP tool, in the order tools/list shows them: knowledge first, then the computing kernel.
import type { McpTool } from '../tool';
import { dnsQuery } from './dns-query';
import { dnsRecords } from './dns-records';
import { dnsResolve } from './dns-resolve';
import { endpointSlices } from './endpoint-slices';
import { getConcept } from './get-concept';
import { getContext } from './get-context';
import { relatedConcepts } from './related-concepts';
import { searchConcepts } from './search-concepts';

export const TOOLS: readonly McpTool[] = [
  getContext,
  searchConcepts,
  getConcept,
  relatedConcepts,
  dnsQuery,
  dnsResolve,
  dnsRecords,
  endpointSlices,
];
