import { runUntilSignalled } from '@estate/subgraph-kit';
import { readGatewayConfig } from './config';
import { createGatewayServer } from './server';

void runUntilSignalled('gateway', () => createGatewayServer(readGatewayConfig()).listen());
