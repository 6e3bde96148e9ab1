import { Module } from '@nestjs/common';
import { DatasourcesController } from './datasources.controller';

@Module({ controllers: [DatasourcesController] })
export class DatasourcesModule {}
